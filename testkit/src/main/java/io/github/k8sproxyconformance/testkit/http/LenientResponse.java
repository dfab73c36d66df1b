package io.github.k8sproxyconformance.testkit.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What came back for one request sent by {@link LenientExchange}, however broken.
 *
 * @param status the final status, or -1 when the connection ended without one
 * @param headers the header fields of the final response, as sent
 * @param body the body bytes read, possibly fewer than announced
 * @param complete whether the body was complete by its own framing (length, last chunk or close)
 * @param timedOut whether the deadline passed while waiting for more
 * @param elapsed from the first byte written to the end of reading
 */
public record LenientResponse(
    int status,
    List<HeaderField> headers,
    byte[] body,
    boolean complete,
    boolean timedOut,
    Duration elapsed) {

  public LenientResponse {
    headers = List.copyOf(headers);
  }

  /** The first value of the header, compared case-insensitively. */
  public Optional<String> header(String name) {
    return HeaderLines.values(headers, name).stream().findFirst();
  }

  /** The body as UTF-8 text, as received. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
