package io.github.k8sproxyconformance.steps.negative;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The head of an HTTP/1.1 message as raw lines: the request or status line and the field lines,
 * kept in order and spelling.
 *
 * <p>The broken proxies rewrite heads textually, because what they break is exactly the bytes a
 * correct proxy must keep (spelling, order, repeated lines) and a parsed model would normalise
 * them.
 *
 * @param startLine the request line or status line
 * @param fields the field lines, {@code Name: value}, as received
 */
record HttpHead(String startLine, List<String> fields) {

  /** Larger than any head a scenario sends, so oversized heads reach the rule that judges them. */
  private static final int MAX_HEAD_BYTES = 1024 * 1024;

  HttpHead {
    fields = List.copyOf(fields);
  }

  /** Reads a head up to and including the empty line that ends it. */
  static HttpHead read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed inside a message head");
      }
      head.write(b);
      matched =
          (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
      if (head.size() > MAX_HEAD_BYTES) {
        throw new IOException("message head longer than " + MAX_HEAD_BYTES + " bytes");
      }
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    return new HttpHead(lines[0], List.of(lines).subList(1, lines.length));
  }

  /** The head as it goes on the wire, ending with the empty line. */
  byte[] bytes() {
    StringBuilder text = new StringBuilder(startLine).append("\r\n");
    fields.forEach(field -> text.append(field).append("\r\n"));
    return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The request-target of a request line. */
  String target() {
    return startLine.split(" ", 3)[1];
  }

  /** The method of a request line. */
  String method() {
    return startLine.split(" ", 3)[0];
  }

  /** The status code of a status line. */
  int status() {
    return Integer.parseInt(startLine.split(" ", 3)[1]);
  }

  /** The same request with another request-target. */
  HttpHead withTarget(String target) {
    String[] parts = startLine.split(" ", 3);
    return new HttpHead(parts[0] + " " + target + " " + parts[2], fields);
  }

  /** The same request with another method. */
  HttpHead withMethod(String method) {
    String[] parts = startLine.split(" ", 3);
    return new HttpHead(method + " " + parts[1] + " " + parts[2], fields);
  }

  /** The value of the first field of that name, compared case-insensitively. */
  Optional<String> value(String name) {
    return fields.stream().filter(field -> named(field, name)).map(HttpHead::valueOf).findFirst();
  }

  /** Every field of that name removed. */
  HttpHead without(String name) {
    return new HttpHead(startLine, fields.stream().filter(field -> !named(field, name)).toList());
  }

  /** A field line appended. */
  HttpHead with(String name, String value) {
    List<String> next = new ArrayList<>(fields);
    next.add(name + ": " + value);
    return new HttpHead(startLine, next);
  }

  /** Every field of that name replaced by one line with the value. */
  HttpHead replaced(String name, String value) {
    return without(name).with(name, value);
  }

  /** Every field line passed through the rewrite, dropped where it returns null. */
  HttpHead mapFields(UnaryOperator<String> rewrite) {
    List<String> next = new ArrayList<>();
    for (String field : fields) {
      String rewritten = rewrite.apply(field);
      if (rewritten != null) {
        next.add(rewritten);
      }
    }
    return new HttpHead(startLine, next);
  }

  /** True when the field line has that name, compared case-insensitively. */
  static boolean named(String field, String name) {
    return nameOf(field).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
  }

  /** The name part of a field line, as spelled. */
  static String nameOf(String field) {
    int colon = field.indexOf(':');
    return colon < 0 ? field : field.substring(0, colon).trim();
  }

  /** The value part of a field line, without surrounding whitespace. */
  static String valueOf(String field) {
    int colon = field.indexOf(':');
    return colon < 0 ? "" : field.substring(colon + 1).trim();
  }
}
