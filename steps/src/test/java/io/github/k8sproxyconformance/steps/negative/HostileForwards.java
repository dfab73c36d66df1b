package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.steps.negative.SocketRelay.Forward;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What lenient or naive proxies do with hostile requests, for the broken proxies of the security
 * scenarios: repair a head instead of refusing it, wait for trailers that never come, connect to
 * the host a request line names.
 *
 * <p>The reference proxy refuses all of these in its HTTP parser or its handler, so these broken
 * proxies act in a relay in front of it, where the request is still as the client sent it.
 */
final class HostileForwards {

  /** The most fields a repairing proxy keeps, and the longest value; the rest is cut. */
  private static final int KEPT_FIELDS = 100;

  private static final int KEPT_VALUE_CHARS = 1024;

  private HostileForwards() {}

  /**
   * The head a lenient parser makes of a malformed one: control bytes in values become spaces,
   * overlong values and surplus fields are cut, the first of several Content-Length values wins and
   * Content-Length gives way to Transfer-Encoding.
   */
  static HttpHead repaired(HttpHead head) {
    List<String> fields = new ArrayList<>();
    boolean chunked = head.value("Transfer-Encoding").isPresent();
    boolean lengthSeen = false;
    for (String field : head.fields()) {
      boolean host = HttpHead.named(field, "Host");
      if (HttpHead.named(field, "Content-Length")) {
        if (chunked || lengthSeen) {
          continue;
        }
        lengthSeen = true;
      }
      String clean = field.replaceAll("[\\r\\n\\x00]", " ");
      int colon = clean.indexOf(':');
      if (colon < 0 || (fields.size() >= KEPT_FIELDS && !host)) {
        continue;
      }
      fields.add(
          clean.length() > colon + KEPT_VALUE_CHARS
              ? clean.substring(0, colon + KEPT_VALUE_CHARS)
              : clean);
    }
    return new HttpHead(head.startLine(), fields);
  }

  /** True for a request that announces trailers but has no body that could carry them. */
  static boolean bodylessTrailer(HttpHead head) {
    return head.value("Trailer").isPresent()
        && head.value("Content-Length").isEmpty()
        && head.value("Transfer-Encoding").isEmpty();
  }

  /** A forward that waits for trailers that never come, until the relay is closed. */
  static Forward waitingForTrailers() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("the relay closed while waiting for trailers");
  }

  /**
   * Where a naive forward proxy sends a request whose line names a host: to that host, with the
   * mount path stripped from the path; empty for an origin-form request.
   */
  static Optional<Forward> byRequestLine(HttpHead head, String mountPath) {
    String target = head.target();
    if (head.method().equals("CONNECT")) {
      return Optional.of(Forward.tunnel(address(URI.create("http://" + target))));
    }
    if (!target.startsWith("http://")) {
      return Optional.empty();
    }
    URI named = URI.create(target);
    String path =
        named.getRawPath().startsWith(mountPath)
            ? named.getRawPath().substring(mountPath.length())
            : named.getRawPath();
    String query = named.getRawQuery() == null ? "" : "?" + named.getRawQuery();
    HttpHead direct =
        head.withTarget(path.isEmpty() ? "/" : path + query)
            .replaced("Host", named.getRawAuthority());
    return Optional.of(new Forward(address(named), direct, true));
  }

  private static InetSocketAddress address(URI uri) {
    return new InetSocketAddress(uri.getHost(), uri.getPort());
  }
}
