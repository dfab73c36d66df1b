package io.github.k8sproxyconformance.proxy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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
  // Compiled once: String.replaceAll would compile its pattern again on every request.
  private static final Pattern SLASH_RUN = Pattern.compile("/{2,}");
  private static final Pattern ENCODED_DOT = Pattern.compile("%2e", Pattern.CASE_INSENSITIVE);
  private static final Pattern ENCODED_SLASH = Pattern.compile("%2f", Pattern.CASE_INSENSITIVE);

  private TargetPath() {}

  /**
   * The part of {@code rawPath} after {@code mountPath}: empty, or starting with {@code /}. Empty
   * optional when the path is not under the mount ({@code /api/kubernetes/proxyfoo} is not).
   */
  static Optional<String> stripMount(String mountPath, String rawPath) {
    if (rawPath.equals(mountPath)) {
      return Optional.of("");
    }
    if (rawPath.startsWith(mountPath + "/")) {
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
   * Whether resolving the dot segments of {@code rest} ({@code ..}, {@code %2e%2e}, {@code .%2E},
   * also hidden behind {@code %2F} or a {@code ;parameter}) would climb above its start, i.e. above
   * the cluster URL's path.
   */
  static boolean climbsAbove(String rest) {
    String decoded = rest;
    if (rest.indexOf('%') >= 0) {
      decoded = ENCODED_DOT.matcher(decoded).replaceAll(".");
      decoded = ENCODED_SLASH.matcher(decoded).replaceAll("/");
    }
    decoded = decoded.toLowerCase(Locale.ROOT);
    int depth = 0;
    for (String segment : decoded.split("/")) {
      int parameters = segment.indexOf(';');
      String name = parameters >= 0 ? segment.substring(0, parameters) : segment;
      if (name.equals("..")) {
        depth--;
        if (depth < 0) {
          return true;
        }
      } else if (!name.isEmpty() && !name.equals(".")) {
        depth++;
      }
    }
    return false;
  }

  /**
   * The request URL as Backstage's plugin router reports it in error envelopes: relative to the
   * parent of the mount's last segment ({@code /proxy/...} for {@code /api/kubernetes/proxy}).
   */
  static String routerRelativeUrl(String mountPath, String originalUrl) {
    String parent = mountPath.substring(0, mountPath.lastIndexOf('/'));
    return originalUrl.substring(parent.length());
  }
}
