package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.fixtures.kube.KubeApi;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.fixtures.topology.RunningTopology;
import io.github.k8sproxyconformance.proxy.config.AuthProvider;
import io.github.k8sproxyconformance.proxy.config.ClusterUrl;
import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog.Recipe;
import io.github.k8sproxyconformance.testkit.tls.TestCertificateAuthority;
import io.github.k8sproxyconformance.testkit.tls.TlsIdentity;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The broken proxies that get credentials or TLS trust wrong: the caller's credentials leaked, the
 * service-account token left out or sent where its provider never sends it, the cluster token
 * doubled or taken from the wrong header, a client certificate presented (the seed document rules
 * mTLS out), any certificate trusted or the trust settings ignored.
 */
final class CredentialAndTlsBreakages {

  /** The subject both client certificates are issued to. */
  private static final String CLIENT = "broken-proxy-client";

  private static final String PROVIDER_PREFIX = "backstage-kubernetes-authorization-";

  private static final List<String> CREDENTIALS =
      List.of("Authorization", "Cookie", "Proxy-Authorization");

  private CredentialAndTlsBreakages() {}

  /** Every recipe of this class, in the order of the catalog's matrix. */
  static List<Recipe> all() {
    return List.of(
        new Recipe(
            "leaks-caller-credentials",
            "relays: Authorization, Cookie, Proxy-Authorization carried past the reference proxy",
            k ->
                k.around(
                    h -> HeadRewrites.renamed(h, CREDENTIALS, "X-Carried-"),
                    h -> HeadRewrites.unrenamed(h, "X-Carried-"))),
        new Recipe(
            "no-service-account-token",
            "config: service-account clusters made anonymous",
            k -> k.reference(c -> ConfigChanges.eachCluster(c, ConfigChanges::withoutToken))),
        new Recipe(
            "current-rules-in-1.9",
            "config: reference proxy in profile backstage-current behind a relay renaming X-Kubernetes-Cluster",
            k ->
                k.routed(
                    ConfigChanges::current,
                    proxy -> SocketRelay.to(proxy, h -> HeadRewrites.renamedCluster(h)),
                    ResponsePass.unchanged())),
        new Recipe(
            "doubles-bearer",
            "front relay: 'Bearer ' put before the cluster token",
            k ->
                k.front(
                    h ->
                        h.value(HeadRewrites.tokenHeader(k))
                            .map(v -> h.replaced(HeadRewrites.tokenHeader(k), "Bearer " + v))
                            .orElse(h),
                    ResponsePass.unchanged())),
        new Recipe(
            "ignores-provider-headers",
            "front relay: provider token headers dropped",
            k ->
                k.front(
                    h -> h.mapFields(f -> HeadRewrites.isProvider(f) ? null : f),
                    ResponsePass.unchanged())),
        new Recipe(
            "provider-header-overrides-cluster-token",
            "front relay: any provider token becomes the cluster token",
            k -> k.front(HeadRewrites::providerAsClusterToken, ResponsePass.unchanged())),
        new Recipe(
            "trusts-any-certificate",
            "config: skipTLSVerify on every cluster",
            k ->
                k.reference(
                    c ->
                        ConfigChanges.eachCluster(
                            c, cl -> ConfigChanges.tls(cl, true, List.of())))),
        new Recipe(
            "ignores-tls-trust-settings",
            "config: caData, caFile and skipTLSVerify removed",
            k ->
                k.reference(
                    c ->
                        ConfigChanges.eachCluster(
                            c, cl -> ConfigChanges.tls(cl, false, List.of())))),
        new Recipe(
            "presents-own-client-certificate",
            "back relays: TLS to each HTTPS cluster presenting a self-signed client certificate",
            k -> presenting(k, TestCertificateAuthority.selfSignedClient(CLIENT))),
        new Recipe(
            "presents-accepted-client-certificate",
            "back relays: TLS to each HTTPS cluster presenting a client certificate it accepts (of"
                + " the test CA, or a Kubernetes API's own admin certificate)",
            CredentialAndTlsBreakages::presentingAccepted),
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
   * Presents to each cluster a certificate it accepts: the Kubernetes API's own client identity
   * where it has one (k3s trusts only its own client CA), else one of the run's test CA, which the
   * echo clusters and the embedded API trust.
   */
  private static BrokenProxy presentingAccepted(ProxyKit kit) {
    RunningTopology topology = kit.harness().topology();
    TlsIdentity ofTheTestCa = topology.ca().issueClient(CLIENT);
    return kit.tlsBehind(
        cluster ->
            ClientCertificateTls.presenting(
                kubeAt(topology, cluster.url())
                    .flatMap(KubeApi::clientIdentity)
                    .orElse(ofTheTestCa),
                cluster));
  }

  /** The Kubernetes API the cluster URL points at, if it is one. */
  private static Optional<KubeApi> kubeAt(RunningTopology topology, ClusterUrl url) {
    return topology.specs().stream()
        .map(ClusterSpec::id)
        .filter(id -> samePlace(topology.url(id), url))
        .findFirst()
        .flatMap(topology::kube);
  }

  private static boolean samePlace(URI uri, ClusterUrl url) {
    return uri.getHost().equals(url.host()) && uri.getPort() == url.port();
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
        .map(CredentialAndTlsBreakages::provider);
  }

  private static String provider(ClusterSpec spec) {
    String provider = spec.authProvider().toLowerCase(Locale.ROOT);
    return spec.oidcTokenProvider() == null ? provider : provider + "-" + spec.oidcTokenProvider();
  }
}
