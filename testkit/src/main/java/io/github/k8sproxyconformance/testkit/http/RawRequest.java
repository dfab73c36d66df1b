package io.github.k8sproxyconformance.testkit.http;

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
 * @param form how the request line names the target
 * @param authority the {@code host:port} the request line names in absolute or authority form;
 *     empty in origin form
 */
public record RawRequest(
    String method,
    String target,
    List<HeaderField> headers,
    byte[] body,
    boolean chunked,
    TargetForm form,
    String authority) {

  /**
   * The forms of request-target of RFC 9112, section 3.2. A proxy must treat the absolute and
   * authority forms as requests to itself, never as an address to connect to.
   */
  public enum TargetForm {
    /** {@code <endpoint path><target>}: what every ordinary client sends. */
    ORIGIN,
    /**
     * {@code http://<authority><endpoint path><target>}: what a client of a forward proxy sends.
     */
    ABSOLUTE,
    /** {@code <authority>} alone: the target of a {@code CONNECT}. */
    AUTHORITY
  }

  public RawRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(authority, "authority");
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** A GET of the target with no headers and no body. */
  public static RawRequest get(String target) {
    return new RawRequest("GET", target, List.of(), new byte[0], false, TargetForm.ORIGIN, "");
  }

  /** A copy with one more header at the end; an existing header of that name stays. */
  public RawRequest withHeader(String name, String value) {
    List<HeaderField> next = new ArrayList<>(headers);
    next.add(new HeaderField(name, value));
    return new RawRequest(method, target, next, body, chunked, form, authority);
  }

  /** A copy without any header of that name (compared case-insensitively). */
  public RawRequest withoutHeader(String name) {
    List<HeaderField> next =
        headers.stream().filter(field -> !field.name().equalsIgnoreCase(name)).toList();
    return new RawRequest(method, target, next, body, chunked, form, authority);
  }

  /** A copy with another method. */
  public RawRequest withMethod(String nextMethod) {
    return new RawRequest(nextMethod, target, headers, body, chunked, form, authority);
  }

  /** A copy with another target. */
  public RawRequest withTarget(String nextTarget) {
    return new RawRequest(method, nextTarget, headers, body, chunked, form, authority);
  }

  /** A copy with this body, framed by Content-Length or, when {@code chunked}, chunked. */
  public RawRequest withBody(byte[] nextBody, boolean nextChunked) {
    return new RawRequest(method, target, headers, nextBody, nextChunked, form, authority);
  }

  /** A copy whose request line names the target in absolute form, with that authority. */
  public RawRequest inAbsoluteForm(String targetAuthority) {
    return new RawRequest(
        method, target, headers, body, chunked, TargetForm.ABSOLUTE, targetAuthority);
  }

  /** A copy whose request line is just that authority ({@code CONNECT host:port}). */
  public RawRequest inAuthorityForm(String targetAuthority) {
    return new RawRequest(
        method, target, headers, body, chunked, TargetForm.AUTHORITY, targetAuthority);
  }

  /** The request-target of the request line, for an endpoint whose raw path is {@code path}. */
  public String requestLineTarget(String path) {
    return switch (form) {
      case ORIGIN -> path + target;
      case ABSOLUTE -> "http://" + authority + path + target;
      case AUTHORITY -> authority;
    };
  }

  /** True when a header of that name is present (compared case-insensitively). */
  public boolean hasHeader(String name) {
    return headers.stream().anyMatch(field -> field.name().equalsIgnoreCase(name));
  }
}
