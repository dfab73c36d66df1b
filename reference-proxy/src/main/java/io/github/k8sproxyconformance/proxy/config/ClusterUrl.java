package io.github.k8sproxyconformance.proxy.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of a cluster {@code url} the proxy uses: scheme, host, port and the raw path prefix.
 *
 * <p>Like Backstage, user info, query and fragment of the configured URL are ignored; keeping them
 * out of this type also keeps any credential written into the URL out of logs and error bodies.
 *
 * @param scheme {@code http} or {@code https}
 * @param host host name or IP literal (IPv6 in brackets)
 * @param port the port, the scheme's default when the URL names none
 * @param path the raw (still percent-encoded) path, possibly empty
 */
public record ClusterUrl(String scheme, String host, int port, String path) {

  /** Parses {@code value}, or returns empty when it is not an absolute http(s) URL with a host. */
  public static Optional<ClusterUrl> parse(String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return Optional.empty();
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return Optional.of(new ClusterUrl(scheme, uri.getHost(), port, path));
  }

  /** Whether TLS is used towards the cluster. */
  public boolean isHttps() {
    return scheme.equals("https");
  }

  /** {@code host[:port]} with the port left out when it is the scheme's default, as in Host. */
  public String hostHeader() {
    return port == defaultPort(scheme) ? host : host + ":" + port;
  }

  /** {@code scheme://host[:port]path}, safe to log. */
  @Override
  public String toString() {
    return scheme + "://" + hostHeader() + path;
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }
}
