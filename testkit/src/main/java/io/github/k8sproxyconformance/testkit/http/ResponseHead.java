package io.github.k8sproxyconformance.testkit.http;

import java.io.IOException;
import java.util.List;

/**
 * The status line and header fields of a final response.
 *
 * <p>Interim 1xx responses (other than 101) are read and dropped: a proxy may forward a {@code 100
 * Continue}, and the scenario is about the answer that follows.
 */
record ResponseHead(int status, String reason, List<HeaderField> headers) {

  static ResponseHead read(WireInput input) throws IOException {
    while (true) {
      ResponseHead head = readOne(input);
      if (head.status() >= 200 || head.status() == 101) {
        return head;
      }
    }
  }

  List<String> values(String name) {
    return HeaderLines.values(headers, name);
  }

  /** The next head, interim or final. */
  static ResponseHead readOne(WireInput input) throws IOException {
    String statusLine = input.readLine("the status line");
    if (statusLine == null) {
      throw new ClosedWithoutResponse(
          input.malformed("the connection closed before a status line").getMessage());
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
      throw input.malformed("not an HTTP/1.x status line: '" + statusLine + "'");
    }
    int status = Integer.parseInt(parts[1]);
    String reason = parts.length == 3 ? parts[2] : "";
    return new ResponseHead(status, reason, HeaderLines.read(input, "the response headers"));
  }
}
