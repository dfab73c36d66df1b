package io.github.k8sproxyconformance.testkit.http;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The request line and header fields of a request as a raw server received them: the target as
 * sent, header lines in order and with their case.
 *
 * @param method the method token
 * @param target the request target, raw (dot segments, percent-encoding and all)
 * @param headers the header fields in arrival order
 */
public record RequestHead(String method, String target, List<HeaderField> headers) {

  public RequestHead {
    headers = List.copyOf(headers);
  }

  /**
   * Reads the next request head, with the same head reader as responses (see {@link WireInput} for
   * what fails how).
   *
   * @return the head, or null when the connection ends cleanly before a request starts (a client
   *     closing an idle keep-alive connection)
   */
  public static RequestHead read(WireInput input) throws IOException {
    String requestLine = input.readLine("the request line");
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ", 3);
    String target = parts.length > 1 ? parts[1] : "";
    return new RequestHead(parts[0], target, HeaderLines.read(input, "the request headers"));
  }

  /** The first value of the header, compared case-insensitively. */
  public Optional<String> header(String name) {
    return HeaderLines.values(headers, name).stream().findFirst();
  }
}
