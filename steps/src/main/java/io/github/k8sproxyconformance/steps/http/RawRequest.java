package io.github.k8sproxyconformance.steps.http;

import io.github.k8sproxyconformance.fixtures.echo.HeaderField;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP/1.1 request exactly as it will go on the wire, relative to a proxy endpoint.
 *
 * <p>Conformance scenarios need requests no ordinary client sends: dot segments and encoded slashes
 * left as typed, repeated headers, a Host of the caller's choosing. So the target is kept as a raw
 * string and headers as an ordered list; nothing is normalised or encoded. The body array is used
 * as given and must not be changed afterwards.
 *
 * @param method the request method, sent as is
 * @param target the raw request target, sent verbatim after the endpoint path (e.g. {@code
 *     /api/v1/namespaces?watch=1})
 * @param headers the header fields in sending order, duplicates kept
 * @param body the body bytes; empty means no body
 * @param chunked true to send the body with {@code Transfer-Encoding: chunked} instead of {@code
 *     Content-Length}
 */
public record RawRequest(
    String method, String target, List<HeaderField> headers, byte[] body, boolean chunked) {

  public RawRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** A GET of the target with no headers and no body. */
  public static RawRequest get(String target) {
    return new RawRequest("GET", target, List.of(), new byte[0], false);
  }

  /** A copy with one more header at the end; an existing header of that name stays. */
  public RawRequest withHeader(String name, String value) {
    List<HeaderField> next = new ArrayList<>(headers);
    next.add(new HeaderField(name, value));
    return new RawRequest(method, target, next, body, chunked);
  }

  /** A copy without any header of that name (compared case-insensitively). */
  public RawRequest withoutHeader(String name) {
    List<HeaderField> next =
        headers.stream().filter(field -> !field.name().equalsIgnoreCase(name)).toList();
    return new RawRequest(method, target, next, body, chunked);
  }

  /** A copy with another method. */
  public RawRequest withMethod(String nextMethod) {
    return new RawRequest(nextMethod, target, headers, body, chunked);
  }

  /** A copy with another target. */
  public RawRequest withTarget(String nextTarget) {
    return new RawRequest(method, nextTarget, headers, body, chunked);
  }

  /** A copy with this body, framed by Content-Length or, when {@code chunked}, chunked. */
  public RawRequest withBody(byte[] nextBody, boolean nextChunked) {
    return new RawRequest(method, target, headers, nextBody, nextChunked);
  }

  /** True when a header of that name is present (compared case-insensitively). */
  public boolean hasHeader(String name) {
    return headers.stream().anyMatch(field -> field.name().equalsIgnoreCase(name));
  }
}
