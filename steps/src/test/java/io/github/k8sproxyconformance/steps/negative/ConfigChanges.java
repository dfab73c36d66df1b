package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.proxy.config.AuthProvider;
import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.proxy.config.ClusterUrl;
import io.github.k8sproxyconformance.proxy.config.DuplicateNamePolicy;
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
    return copy(
        config,
        clusters,
        config.profile(),
        config.duplicateNames(),
        config.connectionIdleTimeout(),
        config.exchangeIdleTimeout());
  }

  /** The configuration with other idle timeouts: for connections, and for an exchange. */
  static ProxyConfig withTimeouts(
      ProxyConfig config, Duration connectionIdle, Duration exchangeIdle) {
    return copy(
        config,
        config.clusters(),
        config.profile(),
        config.duplicateNames(),
        connectionIdle,
        exchangeIdle);
  }

  /** The configuration of today's Backstage, whatever profile the suite runs in. */
  static ProxyConfig current(ProxyConfig config) {
    return withProfile(config, Profile.BACKSTAGE_CURRENT);
  }

  /** The configuration served with the rules of another profile. */
  static ProxyConfig withProfile(ProxyConfig config, Profile profile) {
    return copy(
        config,
        config.clusters(),
        profile,
        config.duplicateNames(),
        config.connectionIdleTimeout(),
        config.exchangeIdleTimeout());
  }

  /** The configuration with another {@code duplicateNames} policy. */
  static ProxyConfig withDuplicateNames(ProxyConfig config, DuplicateNamePolicy policy) {
    return copy(
        config,
        config.clusters(),
        config.profile(),
        policy,
        config.connectionIdleTimeout(),
        config.exchangeIdleTimeout());
  }

  private static ProxyConfig copy(
      ProxyConfig config,
      List<ClusterConfig> clusters,
      Profile profile,
      DuplicateNamePolicy duplicateNames,
      Duration connectionIdle,
      Duration exchangeIdle) {
    return new ProxyConfig(
        clusters,
        config.listenHost(),
        config.listenPort(),
        config.mountPath(),
        profile,
        duplicateNames,
        connectionIdle,
        exchangeIdle,
        config.limits(),
        config.accessLog());
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
    return withAuth(
        c, serviceAccount ? AuthProvider.LOCAL_KUBECTL_PROXY : c.authProvider(), Optional.empty());
  }

  /**
   * The clusters with the service-account tokens of each name's clusters rotated among them, so a
   * name shared by several clusters reaches each one with the token configured for the next.
   */
  static List<ClusterConfig> duplicateTokensRotated(List<ClusterConfig> clusters) {
    List<ClusterConfig> result = new ArrayList<>();
    for (ClusterConfig c : clusters) {
      List<ClusterConfig> named =
          clusters.stream().filter(other -> other.name().equals(c.name())).toList();
      ClusterConfig next = named.get((named.indexOf(c) + 1) % named.size());
      result.add(withAuth(c, c.authProvider(), next.serviceAccountToken()));
    }
    return result;
  }

  /** The cluster with another auth provider, its configured token and everything else kept. */
  static ClusterConfig withAuthProvider(ClusterConfig c, AuthProvider provider) {
    return withAuth(c, provider, c.serviceAccountToken());
  }

  static ClusterConfig withAuth(ClusterConfig c, AuthProvider provider, Optional<String> token) {
    return new ClusterConfig(
        c.name(),
        c.url(),
        provider,
        token,
        c.oidcTokenProvider(),
        c.skipTlsVerify(),
        c.trustedCertificates(),
        c.locatorIndex(),
        c.locatorType());
  }

  static ClusterConfig tls(ClusterConfig c, boolean skipVerify, List<X509Certificate> trusted) {
    return new ClusterConfig(
        c.name(),
        c.url(),
        c.authProvider(),
        c.serviceAccountToken(),
        c.oidcTokenProvider(),
        skipVerify,
        trusted,
        c.locatorIndex(),
        c.locatorType());
  }

  static ClusterConfig withUrl(ClusterConfig c, ClusterUrl url) {
    return new ClusterConfig(
        c.name(),
        url,
        c.authProvider(),
        c.serviceAccountToken(),
        c.oidcTokenProvider(),
        c.skipTlsVerify(),
        c.trustedCertificates(),
        c.locatorIndex(),
        c.locatorType());
  }
}
