package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog.Recipe;
import io.github.k8sproxyconformance.steps.negative.SocketRelay.Forward;
import java.time.Duration;
import java.util.List;

/**
 * The broken proxies that change a header on the way or what the client gets back: forwarding
 * headers added, the client's Host carried, unknown headers dropped, a response buffered, cut,
 * truncated or re-framed, a stream timed out, an error replaced, a response header removed; and a
 * hostile cluster's endless head passed on, its interim answer taken for the whole answer, a body
 * held back for its {@code 100 Continue}.
 */
final class ResponseAndStreamBreakages {

  private ResponseAndStreamBreakages() {}

  /** Every recipe of this class, in the order of the catalog's matrix. */
  static List<Recipe> all() {
    return List.of(
        new Recipe(
            "buffers-streams",
            "front relay: response held until complete",
            k -> k.front(h -> h, ResponsePass.bufferedWhole())),
        new Recipe(
            "cuts-idle-streams",
            "config: exchangeIdleTimeoutMs 1000",
            k ->
                k.reference(
                    c ->
                        ConfigChanges.withTimeouts(
                            c, c.connectionIdleTimeout(), Duration.ofSeconds(1)))),
        new Recipe(
            "holds-abandoned-clusters",
            "config: connectionIdleTimeoutMs 10 minutes, so a departed client goes unnoticed",
            k ->
                k.reference(
                    c ->
                        ConfigChanges.withTimeouts(
                            c, Duration.ofMinutes(10), c.exchangeIdleTimeout()))),
        new Recipe(
            "answers-5xx-with-bare-502",
            "front relay: 5xx responses replaced by a bodiless 502",
            k ->
                k.front(
                    h -> h,
                    ResponsePass.replacedWhen(s -> s >= 500, h -> "HTTP/1.1 502 Bad Gateway", ""))),
        new Recipe(
            "strips-set-cookie",
            "front relay: Set-Cookie removed from responses",
            k -> k.front(h -> h, ResponsePass.headRewritten(h -> h.without("Set-Cookie")))),
        new Recipe(
            "rewrites-location",
            "front relay: Location of responses rewritten",
            k ->
                k.front(
                    h -> h,
                    ResponsePass.headRewritten(
                        h ->
                            h.value("Location").isPresent()
                                ? h.replaced("Location", "/elsewhere")
                                : h))),
        new Recipe(
            "drops-content-encoding",
            "front relay: Content-Encoding removed from responses",
            k -> k.front(h -> h, ResponsePass.headRewritten(h -> h.without("Content-Encoding")))),
        new Recipe(
            "hides-broken-bodies",
            "front relay: response buffered and re-framed with the length that arrived",
            k -> k.front(h -> h, ResponsePass.reframedWhole())),
        new Recipe(
            "truncates-response-bodies",
            "front relay: response bodies cut after 64 KiB",
            k -> k.front(h -> h, ResponsePass.truncatedAfter(64 * 1024))),
        new Recipe(
            "unbounded-response-head",
            "naive relay: requests for the hostile cluster sent straight to it, its answer passed"
                + " on however long its head",
            k ->
                HostileAnswers.straightToCluster(
                    k, HostileAnswers.toHostileCluster(k), f -> f, ResponsePass.unchanged())),
        new Recipe(
            "stops-at-first-interim-response",
            "naive relay: requests for the hostile cluster sent straight to it, a first interim"
                + " 100 Continue taken for the whole answer",
            k ->
                HostileAnswers.straightToCluster(
                    k,
                    HostileAnswers.toHostileCluster(k),
                    f -> f,
                    ResponsePass.endsAtFirstInterim())),
        new Recipe(
            "waits-for-cluster-continue",
            "naive relay: requests with Expect: 100-continue sent straight to the named cluster,"
                + " the body held back until it answers 100 Continue",
            k ->
                HostileAnswers.straightToCluster(
                    k,
                    HostileAnswers::expectsContinue,
                    Forward::withBodyAfterContinue,
                    ResponsePass.unchanged())),
        new Recipe(
            "adds-forwarding-headers",
            "back relays: X-Forwarded-For and Via added",
            k -> k.around(h -> h, HeadRewrites::forwardingAdded)),
        new Recipe(
            "forwards-client-host",
            "relays: the client's Host carried to the cluster",
            k ->
                k.around(
                    h -> h.with("X-Carried-Host", h.value("Host").orElse("")),
                    h ->
                        h.replaced("Host", h.value("X-Carried-Host").orElse(""))
                            .without("X-Carried-Host"))),
        new Recipe(
            "drops-unknown-request-headers",
            "front relay: Accept and X- headers dropped",
            k ->
                k.front(
                    h -> h.mapFields(f -> HeadRewrites.unknownHeader(f, k) ? null : f),
                    ResponsePass.unchanged())));
  }
}
