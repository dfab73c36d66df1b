package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.proxy.config.AuthProvider;
import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.proxy.config.ClusterUrl;
import io.github.k8sproxyconformance.proxy.config.Profile;
import io.github.k8sproxyconformance.proxy.config.ProxyConfig;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Copies of the reference proxy's parsed configuration with one thing changed.
 *
 * <p>A setting the reference proxy already has is the cheapest and most faithful way to break a
 * rule: the proxy then does exactly what a misconfigured or simpler implementation would.
 */
final class ConfigChanges {

  private ConfigChanges() {}

  /** The configuration with every cluster changed by the function. */
  static ProxyConfig eachCluster(ProxyConfig config, UnaryOperator<ClusterConfig> change) {
    return withClusters(config, config.clusters().stream().map(change).toList());
  }

  /** The configuration with another cluster list. */
  static ProxyConfig withClusters(ProxyConfig config, List<ClusterConfig> clusters) {
    return new ProxyConfig(
        clusters,
        config.listenHost(),
        config.listenPort(),
        config.mountPath(),
        config.profile(),
        config.duplicateNames(),
        config.connectionIdleTimeout(),
        config.exchangeIdleTimeout());
  }

  /** The configuration with other idle timeouts: for connections, and for an exchange. */
  static ProxyConfig withTimeouts(
      ProxyConfig config, Duration connectionIdle, Duration exchangeIdle) {
    return new ProxyConfig(
        config.clusters(),
        config.listenHost(),
        config.listenPort(),
        config.mountPath(),
        config.profile(),
        config.duplicateNames(),
        connectionIdle,
        exchangeIdle);
  }

  /** The configuration of today's Backstage, whatever profile the suite runs in. */
  static ProxyConfig current(ProxyConfig config) {
    return new ProxyConfig(
        config.clusters(),
        config.listenHost(),
        config.listenPort(),
        config.mountPath(),
        Profile.BACKSTAGE_CURRENT,
        config.duplicateNames(),
        config.connectionIdleTimeout(),
        config.exchangeIdleTimeout());
  }

  /** The clusters in reverse order, so the last of several sharing a name is found first. */
  static List<ClusterConfig> reversed(List<ClusterConfig> clusters) {
    List<ClusterConfig> copy = new ArrayList<>(clusters);
    Collections.reverse(copy);
    return copy;
  }

  static ClusterConfig withoutPath(ClusterConfig c) {
    ClusterUrl url = c.url();
    return withUrl(c, new ClusterUrl(url.scheme(), url.host(), url.port(), ""));
  }

  /**
   * A service-account cluster turned anonymous: the proxy forwards without the token instead of
   * refusing, as a proxy that never injects service-account tokens does.
   */
  static ClusterConfig withoutToken(ClusterConfig c) {
    boolean serviceAccount = c.authProvider() == AuthProvider.SERVICE_ACCOUNT;
    return copy(
        c,
        c.url(),
        serviceAccount ? AuthProvider.LOCAL_KUBECTL_PROXY : c.authProvider(),
        Optional.empty(),
        c.skipTlsVerify(),
        c.trustedCertificates());
  }

  /** The cluster with another auth provider, its configured token and everything else kept. */
  static ClusterConfig withAuthProvider(ClusterConfig c, AuthProvider provider) {
    return copy(
        c, c.url(), provider, c.serviceAccountToken(), c.skipTlsVerify(), c.trustedCertificates());
  }

  static ClusterConfig tls(ClusterConfig c, boolean skipVerify, List<X509Certificate> trusted) {
    return copy(c, c.url(), c.authProvider(), c.serviceAccountToken(), skipVerify, trusted);
  }

  static ClusterConfig withUrl(ClusterConfig c, ClusterUrl url) {
    return copy(
        c,
        url,
        c.authProvider(),
        c.serviceAccountToken(),
        c.skipTlsVerify(),
        c.trustedCertificates());
  }

  /** The cluster with the settings a change can touch replaced; name and locator kept. */
  private static ClusterConfig copy(
      ClusterConfig c,
      ClusterUrl url,
      AuthProvider provider,
      Optional<String> token,
      boolean skipVerify,
      List<X509Certificate> trusted) {
    return new ClusterConfig(
        c.name(),
        url,
        provider,
        token,
        c.oidcTokenProvider(),
        skipVerify,
        trusted,
        c.locatorIndex(),
        c.locatorType());
  }
}
