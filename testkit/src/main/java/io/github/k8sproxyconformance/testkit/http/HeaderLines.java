package io.github.k8sproxyconformance.testkit.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the header fields of a head, request or response, up to its empty line: the one head reader
 * of the project.
 *
 * <p>Its choices: a line ends at LF, a CR before it is dropped (a bare LF is accepted, as most
 * servers do); a field name keeps its case and the value is trimmed; a line without a colon, or an
 * end of stream inside the head, is malformed. Deadlines are the {@link WireInput}'s.
 */
final class HeaderLines {

  private HeaderLines() {}

  static List<HeaderField> read(WireInput input, String what) throws IOException {
    List<HeaderField> headers = new ArrayList<>();
    while (true) {
      String line = input.readLine(what);
      if (line == null) {
        throw input.malformed("the connection closed inside " + what);
      }
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw input.malformed("not a header field: '" + line + "'");
      }
      headers.add(new HeaderField(line.substring(0, colon), line.substring(colon + 1).trim()));
    }
  }

  /** The values of the field {@code name}, compared case-insensitively, in arrival order. */
  static List<String> values(List<HeaderField> headers, String name) {
    return headers.stream()
        .filter(field -> field.name().equalsIgnoreCase(name))
        .map(HeaderField::value)
        .toList();
  }
}
