package io.github.k8sproxyconformance.testkit.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A complete HTTP response as it came off the wire.
 *
 * <p>Headers keep their order and duplicates, and {@link #body()} holds the bytes as received
 * (still compressed if the proxy passed {@code Content-Encoding: gzip} through), because whether a
 * proxy changes either is part of the contract. {@link #bodyText()} decodes gzip for reading the
 * content.
 *
 * @param status the status code
 * @param reason the reason phrase, possibly empty
 * @param headers the header fields in arrival order
 * @param body the body bytes after removing chunked framing
 * @param elapsed from opening the connection to the end of the body
 */
public record RawResponse(
    int status, String reason, List<HeaderField> headers, byte[] body, Duration elapsed) {

  private static final int EXCERPT_CHARS = 2000;

  public RawResponse {
    headers = List.copyOf(headers);
  }

  /** The first value of the header, compared case-insensitively. */
  public Optional<String> header(String name) {
    return headerValues(name).stream().findFirst();
  }

  /** Every value of the header in arrival order, compared case-insensitively. */
  public List<String> headerValues(String name) {
    return HeaderLines.values(headers, name);
  }

  /** The body as UTF-8 text, gunzipped first when the response says {@code gzip}. */
  public String bodyText() {
    return new String(decodedBody(), StandardCharsets.UTF_8);
  }

  /** The start of the body as text, for evidence and failure messages. */
  public String bodyExcerpt() {
    return excerpt(bodyText());
  }

  private byte[] decodedBody() {
    boolean gzip =
        headerValues("Content-Encoding").stream().anyMatch(value -> value.contains("gzip"));
    if (!gzip || body.length == 0) {
      return body;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError("Content-Encoding says gzip but the body is not gzip", e);
    }
  }

  /** The start of {@code text}, for evidence and failure messages. */
  public static String excerpt(String text) {
    return text.length() <= EXCERPT_CHARS
        ? text
        : text.substring(0, EXCERPT_CHARS) + "... (" + text.length() + " chars)";
  }
}
