package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog.Recipe;
import io.github.k8sproxyconformance.steps.negative.SocketRelay.Forward;
import io.github.k8sproxyconformance.steps.proxy.Harness;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broken proxies that break a security rule: dot segments forwarded, tokens in an error body or
 * a log line, malformed heads repaired rather than refused, a hang on a body-less trailer, a
 * request line naming a host of its own followed.
 */
final class SecurityBreakages {

  private static final String MOUNT = Harness.MOUNT_PATH;

  /** The log a careless proxy writes request heads to; the proxy-log scenarios read it. */
  private static final Logger REQUEST_LOG = LoggerFactory.getLogger("broken-proxy.request-log");

  private SecurityBreakages() {}

  /** Every recipe of this class, in the order of the catalog's matrix. */
  static List<Recipe> all() {
    return List.of(
        new Recipe(
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
                    ResponsePass.unchanged())),
        new Recipe(
            "own-error-envelope-with-tokens",
            "front relay: 4xx/5xx bodies replaced by an envelope listing the configured tokens",
            k ->
                k.front(
                    h -> h,
                    ResponsePass.replacedWhen(
                        s -> s >= 400, HttpHead::startLine, HeadRewrites.tokenEnvelope(k)))),
        new Recipe(
            "repairs-malformed-heads",
            "front relay: control bytes, oversized heads and ambiguous lengths repaired, not refused",
            k -> k.front(HostileForwards::repaired, ResponsePass.unchanged())),
        new Recipe(
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
                    ResponsePass.unchanged())),
        new Recipe(
            "connects-to-request-line-host",
            "front relay: absolute-form requests sent to the host they name, CONNECT tunnelled",
            k ->
                k.routed(
                    c -> c,
                    proxy ->
                        h ->
                            HostileForwards.byRequestLine(h, MOUNT)
                                .orElseGet(() -> new Forward(proxy, h, true)),
                    ResponsePass.unchanged())),
        new Recipe(
            "logs-request-heads",
            "front relay: every request head logged, credentials included",
            k ->
                k.front(
                    h -> {
                      REQUEST_LOG.warn("request {} {}", h.startLine(), h.fields());
                      return h;
                    },
                    ResponsePass.unchanged())));
  }
}
