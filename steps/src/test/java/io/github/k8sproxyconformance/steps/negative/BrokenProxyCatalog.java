package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.proxy.config.ConfigException;
import io.github.k8sproxyconformance.steps.negative.SocketRelay.Forward;
import io.github.k8sproxyconformance.steps.target.Harness;
import io.github.k8sproxyconformance.steps.target.ProxyTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every broken proxy of the negative controls, by name, each one line of construction.
 *
 * <p>The names are the columns of the matrix and the keys of {@code negative-controls/kills.yaml};
 * each says the one behaviour it breaks. Configuration changes come first, relays in front of or
 * behind the reference proxy where no setting breaks the rule, and a relay routing around the
 * reference proxy only for what it refuses to do at all.
 */
public final class BrokenProxyCatalog {

  /** One broken proxy: its name, how it is made, and how to start it. */
  record Recipe(String name, String how, Function<ProxyKit, BrokenProxy> start) {}

  private static final String MOUNT = Harness.MOUNT_PATH;
  private static final List<String> CREDENTIALS =
      List.of("Authorization", "Cookie", "Proxy-Authorization");

  /** The log a careless proxy writes request heads to; the proxy-log scenarios read it. */
  private static final Logger REQUEST_LOG = LoggerFactory.getLogger("broken-proxy.request-log");

  private final Map<String, Recipe> recipes = new LinkedHashMap<>();

  public BrokenProxyCatalog() {
    add(
        "ignores-cluster-header",
        "front relay: every request names the first configured cluster",
        k ->
            k.front(
                h ->
                    HeadRewrites.clusterHeaderless(h)
                        .with(HeadRewrites.header(k), HeadRewrites.firstName(k)),
                ResponsePass.unchanged()));
    add(
        "matches-names-case-insensitively",
        "front relay: cluster header value in lower case",
        k ->
            k.front(
                h ->
                    h.mapFields(f -> HeadRewrites.isCluster(f, k) ? HeadRewrites.lowerValue(f) : f),
                ResponsePass.unchanged()));
    add(
        "case-sensitive-header-name",
        "front relay: drops the cluster header unless spelled canonically",
        k ->
            k.front(
                h ->
                    h.mapFields(
                        f ->
                            HeadRewrites.isCluster(f, k)
                                    && !HttpHead.nameOf(f).equals(HeadRewrites.header(k))
                                ? null
                                : f),
                ResponsePass.unchanged()));
    add(
        "picks-last-cluster-header-line",
        "front relay: keeps the last of several cluster header lines",
        k ->
            k.front(
                h -> HeadRewrites.lastClusterLine(h, HeadRewrites.header(k)),
                ResponsePass.unchanged()));
    add(
        "last-duplicate-wins",
        "config: clusters in reverse order",
        k -> k.reference(c -> ConfigChanges.withClusters(c, ConfigChanges.reversed(c.clusters()))));
    add(
        "keeps-mount-prefix",
        "front relay: mount path written twice",
        k -> k.front(h -> h.withTarget(MOUNT + h.target()), ResponsePass.unchanged()));
    add(
        "mount-path-as-string-prefix",
        "front relay: /api/kubernetes/proxyX proxied as /X",
        k -> k.front(HeadRewrites::lookalikeMounted, ResponsePass.unchanged()));
    add(
        "drops-cluster-sub-path",
        "config: cluster URLs without their path",
        k -> k.reference(c -> ConfigChanges.eachCluster(c, ConfigChanges::withoutPath)));
    add(
        "reencodes-query",
        "front relay: %3D decoded, + turned into %20 in the query",
        k -> k.front(HeadRewrites::reencodedQuery, ResponsePass.unchanged()));
    add(
        "decodes-path",
        "front relay: percent-escapes of the path decoded",
        k -> k.front(HeadRewrites::decodedPath, ResponsePass.unchanged()));
    add(
        "drops-request-body",
        "front relay: body and its framing dropped",
        k ->
            k.routed(
                c -> c,
                proxy ->
                    h ->
                        new Forward(
                            proxy, h.without("Content-Length").without("Transfer-Encoding"), false),
                ResponsePass.unchanged()));
    add(
        "leaks-caller-credentials",
        "relays: Authorization, Cookie, Proxy-Authorization carried past the reference proxy",
        k ->
            k.around(
                h -> HeadRewrites.renamed(h, CREDENTIALS, "X-Carried-"),
                h -> HeadRewrites.unrenamed(h, "X-Carried-")));
    add(
        "no-service-account-token",
        "config: service-account clusters made anonymous",
        k -> k.reference(c -> ConfigChanges.eachCluster(c, ConfigChanges::withoutToken)));
    add(
        "current-rules-in-1.9",
        "config: reference proxy in profile backstage-current behind a relay renaming X-Kubernetes-Cluster",
        k ->
            k.routed(
                ConfigChanges::current,
                proxy -> SocketRelay.to(proxy, h -> HeadRewrites.renamedCluster(h)),
                ResponsePass.unchanged()));
    add(
        "doubles-bearer",
        "front relay: 'Bearer ' put before the cluster token",
        k ->
            k.front(
                h ->
                    h.value(HeadRewrites.tokenHeader(k))
                        .map(v -> h.replaced(HeadRewrites.tokenHeader(k), "Bearer " + v))
                        .orElse(h),
                ResponsePass.unchanged()));
    add(
        "ignores-provider-headers",
        "front relay: provider token headers dropped",
        k ->
            k.front(
                h -> h.mapFields(f -> HeadRewrites.isProvider(f) ? null : f),
                ResponsePass.unchanged()));
    add(
        "provider-header-overrides-cluster-token",
        "front relay: any provider token becomes the cluster token",
        k -> k.front(HeadRewrites::providerAsClusterToken, ResponsePass.unchanged()));
    add(
        "trusts-any-certificate",
        "config: skipTLSVerify on every cluster",
        k ->
            k.reference(
                c -> ConfigChanges.eachCluster(c, cl -> ConfigChanges.tls(cl, true, List.of()))));
    add(
        "ignores-tls-trust-settings",
        "config: caData, caFile and skipTLSVerify removed",
        k ->
            k.reference(
                c -> ConfigChanges.eachCluster(c, cl -> ConfigChanges.tls(cl, false, List.of()))));
    add(
        "buffers-streams",
        "front relay: response held until complete",
        k -> k.front(h -> h, ResponsePass.bufferedWhole()));
    add(
        "cuts-idle-streams",
        "config: exchangeIdleTimeoutMs 1000",
        k ->
            k.reference(
                c ->
                    ConfigChanges.withTimeouts(
                        c, c.connectionIdleTimeout(), Duration.ofSeconds(1))));
    add(
        "holds-abandoned-clusters",
        "config: connectionIdleTimeoutMs 10 minutes, so a departed client goes unnoticed",
        k ->
            k.reference(
                c ->
                    ConfigChanges.withTimeouts(
                        c, Duration.ofMinutes(10), c.exchangeIdleTimeout())));
    add(
        "answers-5xx-with-bare-502",
        "front relay: 5xx responses replaced by a bodiless 502",
        k ->
            k.front(
                h -> h,
                ResponsePass.replacedWhen(s -> s >= 500, h -> "HTTP/1.1 502 Bad Gateway", "")));
    add(
        "own-error-envelope-with-tokens",
        "front relay: 4xx/5xx bodies replaced by an envelope listing the configured tokens",
        k ->
            k.front(
                h -> h,
                ResponsePass.replacedWhen(
                    s -> s >= 400, HttpHead::startLine, HeadRewrites.tokenEnvelope(k))));
    add(
        "forwards-dot-segments",
        "naive relay: targets with dot segments sent straight to the named cluster",
        k ->
            k.routed(
                c -> c,
                proxy ->
                    h ->
                        HeadRewrites.dotSegments(h)
                            ? HeadRewrites.direct(k, h)
                            : new Forward(proxy, h, true),
                ResponsePass.unchanged()));
    add(
        "adds-forwarding-headers",
        "back relays: X-Forwarded-For and Via added",
        k -> k.around(h -> h, HeadRewrites::forwardingAdded));
    add(
        "forwards-client-host",
        "relays: the client's Host carried to the cluster",
        k ->
            k.around(
                h -> h.with("X-Carried-Host", h.value("Host").orElse("")),
                h ->
                    h.replaced("Host", h.value("X-Carried-Host").orElse(""))
                        .without("X-Carried-Host")));
    add(
        "drops-unknown-request-headers",
        "front relay: Accept and X- headers dropped",
        k ->
            k.front(
                h -> h.mapFields(f -> HeadRewrites.unknownHeader(f, k) ? null : f),
                ResponsePass.unchanged()));
    add(
        "turns-every-method-into-get",
        "front relay: method rewritten to GET",
        k -> k.front(h -> h.withMethod("GET"), ResponsePass.unchanged()));
    add(
        "turns-every-method-into-post",
        "front relay: method rewritten to POST",
        k -> k.front(h -> h.withMethod("POST"), ResponsePass.unchanged()));
    add(
        "strips-set-cookie",
        "front relay: Set-Cookie removed from responses",
        k -> k.front(h -> h, ResponsePass.headRewritten(h -> h.without("Set-Cookie"))));
    add(
        "rewrites-location",
        "front relay: Location of responses rewritten",
        k ->
            k.front(
                h -> h,
                ResponsePass.headRewritten(
                    h ->
                        h.value("Location").isPresent()
                            ? h.replaced("Location", "/elsewhere")
                            : h)));
    add(
        "drops-content-encoding",
        "front relay: Content-Encoding removed from responses",
        k -> k.front(h -> h, ResponsePass.headRewritten(h -> h.without("Content-Encoding"))));
    add(
        "hides-broken-bodies",
        "front relay: response buffered and re-framed with the length that arrived",
        k -> k.front(h -> h, ResponsePass.reframedWhole()));
    add(
        "truncates-response-bodies",
        "front relay: response bodies cut after 64 KiB",
        k -> k.front(h -> h, ResponsePass.truncatedAfter(64 * 1024)));
    add(
        "repairs-malformed-heads",
        "front relay: control bytes, oversized heads and ambiguous lengths repaired, not refused",
        k -> k.front(HostileForwards::repaired, ResponsePass.unchanged()));
    add(
        "hangs-on-bodyless-trailer",
        "front relay: a request announcing trailers without a body waits for them forever",
        k ->
            k.routed(
                c -> c,
                proxy ->
                    h ->
                        HostileForwards.bodylessTrailer(h)
                            ? HostileForwards.waitingForTrailers()
                            : new Forward(proxy, h, true),
                ResponsePass.unchanged()));
    add(
        "connects-to-request-line-host",
        "front relay: absolute-form requests sent to the host they name, CONNECT tunnelled",
        k ->
            k.routed(
                c -> c,
                proxy ->
                    h ->
                        HostileForwards.byRequestLine(h, MOUNT)
                            .orElseGet(() -> new Forward(proxy, h, true)),
                ResponsePass.unchanged()));
    add(
        "logs-request-heads",
        "front relay: every request head logged, credentials included",
        k ->
            k.front(
                h -> {
                  REQUEST_LOG.warn("request {} {}", h.startLine(), h.fields());
                  return h;
                },
                ResponsePass.unchanged()));
    CornerCaseBreakages.addTo(this);
    ConfigurationAndApiRecipes.all().forEach(r -> add(r.name(), r.how(), r.start()));
    WebSocketBreakages.recipes().forEach(r -> add(r.name(), r.how(), r.start()));
    WholeHeadBreaks.all().forEach(r -> add(r.name(), r.how(), r.start()));
    ClusterCredentialRecipes.all().forEach(r -> add(r.name(), r.how(), r.start()));
  }

  /** Every broken proxy, in catalog order. */
  List<Recipe> all() {
    return List.copyOf(recipes.values());
  }

  /** The names of every broken proxy. */
  Set<String> names() {
    return recipes.keySet();
  }

  /**
   * Starts the broken proxy of that name on the harness's standard topology.
   *
   * @throws IllegalArgumentException naming the known proxies when the name is unknown
   */
  public ProxyTarget start(String name, Harness harness) {
    return start(name, harness, ProxyKit.standardConfigFile(harness));
  }

  /**
   * Starts the broken proxy of that name on an app-config file: the configuration a {@code
   * @reconfigures-proxy} scenario starts its own proxy on.
   *
   * @throws ConfigException when the configuration is refused, by the reference proxy or by the
   *     broken one
   * @throws IllegalArgumentException naming the known proxies when the name is unknown
   */
  public ProxyTarget start(String name, Harness harness, Path appConfigFile) {
    Recipe recipe = recipes.get(name);
    if (recipe == null) {
      throw new IllegalArgumentException(
          "no broken proxy named '" + name + "'; known: " + recipes.keySet());
    }
    return recipe.start().apply(new ProxyKit(harness, name, appConfigFile));
  }

  /** Registers a broken proxy; the catalog's companions add theirs through it. */
  void add(String name, String how, Function<ProxyKit, BrokenProxy> start) {
    if (recipes.containsKey(name)) {
      throw new IllegalStateException("two broken proxies are named '" + name + "'");
    }
    recipes.put(name, new Recipe(name, how, start));
  }
}
