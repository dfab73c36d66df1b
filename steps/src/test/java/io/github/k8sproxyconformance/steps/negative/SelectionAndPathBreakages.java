package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog.Recipe;
import io.github.k8sproxyconformance.steps.negative.SocketRelay.Forward;
import io.github.k8sproxyconformance.steps.proxy.Harness;
import java.util.List;

/**
 * The broken proxies that send a request to the wrong cluster or change what it asks for: the
 * cluster header misread, the duplicate order reversed, the mount prefix or the cluster sub-path
 * mishandled, the query or path re-encoded, the body or the method changed.
 */
final class SelectionAndPathBreakages {

  private static final String MOUNT = Harness.MOUNT_PATH;

  private SelectionAndPathBreakages() {}

  /** Every recipe of this class, in the order of the catalog's matrix. */
  static List<Recipe> all() {
    return List.of(
        new Recipe(
            "ignores-cluster-header",
            "front relay: every request names the first configured cluster",
            k ->
                k.front(
                    h ->
                        HeadRewrites.clusterHeaderless(h)
                            .with(HeadRewrites.header(k), HeadRewrites.firstName(k)),
                    ResponsePass.unchanged())),
        new Recipe(
            "matches-names-case-insensitively",
            "front relay: cluster header value in lower case",
            k ->
                k.front(
                    h ->
                        h.mapFields(
                            f -> HeadRewrites.isCluster(f, k) ? HeadRewrites.lowerValue(f) : f),
                    ResponsePass.unchanged())),
        new Recipe(
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
                    ResponsePass.unchanged())),
        new Recipe(
            "picks-last-cluster-header-line",
            "front relay: keeps the last of several cluster header lines",
            k ->
                k.front(
                    h -> HeadRewrites.lastClusterLine(h, HeadRewrites.header(k)),
                    ResponsePass.unchanged())),
        new Recipe(
            "last-duplicate-wins",
            "config: clusters in reverse order",
            k ->
                k.reference(
                    c -> ConfigChanges.withClusters(c, ConfigChanges.reversed(c.clusters())))),
        new Recipe(
            "keeps-mount-prefix",
            "front relay: mount path written twice",
            k -> k.front(h -> h.withTarget(MOUNT + h.target()), ResponsePass.unchanged())),
        new Recipe(
            "mount-path-as-string-prefix",
            "front relay: /api/kubernetes/proxyX proxied as /X",
            k -> k.front(HeadRewrites::lookalikeMounted, ResponsePass.unchanged())),
        new Recipe(
            "drops-cluster-sub-path",
            "config: cluster URLs without their path",
            k -> k.reference(c -> ConfigChanges.eachCluster(c, ConfigChanges::withoutPath))),
        new Recipe(
            "reencodes-query",
            "front relay: %3D decoded, + turned into %20 in the query",
            k -> k.front(HeadRewrites::reencodedQuery, ResponsePass.unchanged())),
        new Recipe(
            "decodes-path",
            "front relay: percent-escapes of the path decoded",
            k -> k.front(HeadRewrites::decodedPath, ResponsePass.unchanged())),
        new Recipe(
            "drops-request-body",
            "front relay: body and its framing dropped",
            k ->
                k.routed(
                    c -> c,
                    proxy ->
                        h ->
                            new Forward(
                                proxy,
                                h.without("Content-Length").without("Transfer-Encoding"),
                                false),
                    ResponsePass.unchanged())),
        new Recipe(
            "turns-every-method-into-get",
            "front relay: method rewritten to GET",
            k -> k.front(h -> h.withMethod("GET"), ResponsePass.unchanged())),
        new Recipe(
            "turns-every-method-into-post",
            "front relay: method rewritten to POST",
            k -> k.front(h -> h.withMethod("POST"), ResponsePass.unchanged())));
  }
}
