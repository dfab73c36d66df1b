package io.github.k8sproxyconformance.proxy;

import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpURI;

/**
 * Turns the raw client request path into the raw path sent to a cluster.
 *
 * <p>Everything works on the raw, still percent-encoded path: decoding and re-encoding would change
 * bytes Kubernetes reads ({@code %2F} in a name, {@code %3D} in a selector). The only decoding is
 * in {@link #climbsAbove}, which looks at dot segments to refuse paths that would leave the cluster
 * URL's path on a server that resolves them; accepted paths are forwarded unresolved, as Backstage
 * does.
 */
final class TargetPath {
  /** Enough for any real encoding chain; more rounds only serve a deliberately nested attack. */
  private static final int MAX_DECODING_ROUNDS = 4;

  // Compiled once: String.replaceAll would compile its pattern again on every request.
  private static final Pattern SLASH_RUN = Pattern.compile("/{2,}");
  private static final Pattern ENCODED_DOT = Pattern.compile("%2e", Pattern.CASE_INSENSITIVE);
  private static final Pattern SLASH_LIKE =
      Pattern.compile("%2f|%5c|\\\\", Pattern.CASE_INSENSITIVE);
  private static final Pattern ENCODED_SEMICOLON = Pattern.compile("%3b", Pattern.CASE_INSENSITIVE);

  private TargetPath() {}

  /**
   * The part of {@code rawPath} after {@code mountPath}: empty, or starting with {@code /}. Empty
   * optional when the path is not under the mount ({@code /api/kubernetes/proxyfoo} is not).
   */
  static Optional<String> stripMount(String mountPath, String rawPath) {
    if (rawPath.equals(mountPath)) {
      return Optional.of("");
    }
    if (rawPath.startsWith(mountPath) && rawPath.charAt(mountPath.length()) == '/') {
      return Optional.of(rawPath.substring(mountPath.length()));
    }
    return Optional.empty();
  }

  /**
   * The upstream path: the cluster URL's path followed by {@code rest}, with runs of {@code /}
   * collapsed as Backstage's http-proxy does. A bare mount ({@code rest} empty or {@code /})
   * reaches the cluster URL's path itself, or {@code /}.
   */
  static String join(String clusterPath, String rest) {
    String joined = rest.isEmpty() || rest.equals("/") ? clusterPath : clusterPath + rest;
    String collapsed = joined.contains("//") ? SLASH_RUN.matcher(joined).replaceAll("/") : joined;
    return collapsed.isEmpty() ? "/" : collapsed;
  }

  /**
   * Whether resolving the dot segments of {@code rest} would climb above its start, i.e. above the
   * cluster URL's path, on any server a cluster URL may point at: {@code ..} and {@code %2e%2e} as
   * every server reads them, and also as lenient servers do, which decode more than once ({@code
   * %252e}), drop {@code ;parameters} (also {@code %3b}) and read a backslash ({@code \}, {@code
   * %5c}) or {@code %2F} as a slash.
   */
  static boolean climbsAbove(String rest) {
    String decoded = rest;
    for (int round = 0; round < MAX_DECODING_ROUNDS && decoded.contains("%25"); round++) {
      decoded = decoded.replace("%25", "%");
    }
    if (decoded.indexOf('%') >= 0 || decoded.indexOf('\\') >= 0) {
      decoded = ENCODED_DOT.matcher(decoded).replaceAll(".");
      decoded = SLASH_LIKE.matcher(decoded).replaceAll("/");
      decoded = ENCODED_SEMICOLON.matcher(decoded).replaceAll(";");
    }
    // segment by segment, by index: this runs for every request, and splitting makes garbage
    int depth = 0;
    for (int start = 0; start <= decoded.length(); ) {
      int end = decoded.indexOf('/', start);
      end = end < 0 ? decoded.length() : end;
      int parameters = decoded.indexOf(';', start);
      int nameEnd = parameters >= 0 && parameters < end ? parameters : end;
      if (nameEnd - start == 2 && decoded.startsWith("..", start)) {
        depth--;
        if (depth < 0) {
          return true;
        }
      } else if (nameEnd > start && !(nameEnd - start == 1 && decoded.charAt(start) == '.')) {
        depth++;
      }
      start = end + 1;
    }
    return false;
  }

  /**
   * Whether every {@code %} in the raw {@code query} starts a {@code %XX} escape. The cluster
   * client refuses any other query, which would otherwise be blamed on the cluster with a 500.
   */
  static boolean isWellEncoded(String query) {
    for (int i = query.indexOf('%'); i >= 0; i = query.indexOf('%', i + 1)) {
      if (i + 2 >= query.length()
          || Character.digit(query.charAt(i + 1), 16) < 0
          || Character.digit(query.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The request URL as Backstage's plugin router reports it in error envelopes: relative to the
   * parent of the mount's last segment ({@code /proxy/...} for {@code /api/kubernetes/proxy}).
   */
  static String routerRelativeUrl(String mountPath, HttpURI clientUri) {
    return routerRelativeUrl(mountPath, originalUrl(clientUri));
  }

  /** The raw path and query the caller sent: {@code /api/kubernetes/proxy/api/v1/pods?limit=1}. */
  static String originalUrl(HttpURI clientUri) {
    String query = clientUri.getQuery();
    return query == null ? clientUri.getPath() : clientUri.getPath() + "?" + query;
  }

  static String routerRelativeUrl(String mountPath, String originalUrl) {
    String parent = mountPath.substring(0, mountPath.lastIndexOf('/'));
    return originalUrl.substring(parent.length());
  }
}
