package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.fixtures.tls.TestCertificateAuthority;
import io.github.k8sproxyconformance.fixtures.tls.TlsIdentity;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.proxy.config.AuthProvider;
import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog.Recipe;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The broken proxies that hand a cluster a credential it must not get: a client certificate (the
 * seed document rules mTLS out), the configured token of a cluster whose auth provider never sends
 * it, a provider token under a header name that only starts like the right one.
 */
final class ClusterCredentialRecipes {

  /** The subject both client certificates are issued to. */
  private static final String CLIENT = "broken-proxy-client";

  private static final String PROVIDER_PREFIX = "backstage-kubernetes-authorization-";

  private ClusterCredentialRecipes() {}

  static List<Recipe> all() {
    return List.of(
        new Recipe(
            "presents-own-client-certificate",
            "back relays: TLS to each HTTPS cluster presenting a self-signed client certificate",
            k -> presenting(k, TestCertificateAuthority.selfSignedClient(CLIENT))),
        new Recipe(
            "presents-ca-client-certificate",
            "back relays: TLS to each HTTPS cluster presenting a client certificate of the test CA",
            k -> presenting(k, k.harness().topology().ca().issueClient(CLIENT))),
        new Recipe(
            "injects-token-for-any-provider",
            "config: every cluster with a serviceAccountToken made a serviceAccount cluster",
            k ->
                k.reference(
                    c ->
                        ConfigChanges.eachCluster(
                            c,
                            cl ->
                                cl.serviceAccountToken().isPresent()
                                    ? ConfigChanges.withAuthProvider(
                                        cl, AuthProvider.SERVICE_ACCOUNT)
                                    : cl))),
        new Recipe(
            "matches-provider-header-by-prefix",
            "front relay: a provider header whose name starts with the cluster's provider taken as it",
            k -> k.front(h -> prefixMatched(h, k), ResponsePass.unchanged())));
  }

  private static BrokenProxy presenting(ProxyKit kit, TlsIdentity identity) {
    return kit.tlsBehind(cluster -> ClientCertificateTls.presenting(identity, cluster));
  }

  /**
   * A provider header whose name continues the one the named cluster reads ({@code
   * ...-oidc-okta-eu} for {@code ...-oidc-okta}) renamed to that one, as a proxy does that matches
   * header names by prefix.
   */
  static HttpHead prefixMatched(HttpHead head, ProxyKit kit) {
    Optional<String> expected =
        head.value(HeadRewrites.header(kit)).flatMap(n -> providerOf(n, kit));
    if (expected.isEmpty()) {
      return head;
    }
    String exact = PROVIDER_PREFIX + expected.get();
    return head.mapFields(
        f -> {
          String name = HttpHead.nameOf(f).toLowerCase(Locale.ROOT);
          return name.startsWith(exact + "-") ? exact + ": " + HttpHead.valueOf(f) : f;
        });
  }

  /** The provider part of the header name the first cluster of that name reads its token from. */
  private static Optional<String> providerOf(String clusterName, ProxyKit kit) {
    return kit.harness().topology().specs().stream()
        .filter(spec -> spec.name().equals(clusterName))
        .findFirst()
        .map(ClusterCredentialRecipes::provider);
  }

  private static String provider(ClusterSpec spec) {
    String provider = spec.authProvider().toLowerCase(Locale.ROOT);
    return spec.oidcTokenProvider() == null ? provider : provider + "-" + spec.oidcTokenProvider();
  }
}
