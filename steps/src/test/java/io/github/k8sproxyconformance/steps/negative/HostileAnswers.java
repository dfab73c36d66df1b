package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.fixtures.topology.ClusterKind;
import io.github.k8sproxyconformance.steps.negative.SocketRelay.Forward;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What naive proxies do with a cluster that answers in unexpected ways, for the broken proxies of
 * the hostile-cluster scenarios: read a response head without limit, take an interim answer for the
 * whole answer, hold a request body back for a {@code 100 Continue} that never comes.
 *
 * <p>These broken behaviours are in the reference proxy's HTTP client, not in anything a relay
 * behind it could change, so the requests they concern go around the reference proxy, straight to
 * the cluster the header names, through a relay that behaves that way; every other request goes
 * through the reference proxy as usual.
 */
final class HostileAnswers {

  private HostileAnswers() {}

  /**
   * The reference proxy with a relay in front that sends the requests {@code when} picks straight
   * to the named cluster, made by {@code how}, and passes every answer as {@code pass} says.
   */
  static BrokenProxy straightToCluster(
      ProxyKit kit, Predicate<HttpHead> when, UnaryOperator<Forward> how, ResponsePass pass) {
    return kit.routed(
        config -> config,
        proxy ->
            head ->
                when.test(head)
                    ? how.apply(HeadRewrites.direct(kit, head))
                    : new Forward(proxy, head, true),
        pass);
  }

  /** Whether the request's cluster header names a hostile cluster of the topology. */
  static Predicate<HttpHead> toHostileCluster(ProxyKit kit) {
    return head -> {
      String name = head.value(HeadRewrites.header(kit)).orElse("");
      return kit.harness().topology().specs().stream()
          .anyMatch(spec -> spec.kind() == ClusterKind.HOSTILE && spec.name().equals(name));
    };
  }

  /** Whether the request carries {@code Expect: 100-continue}. */
  static boolean expectsContinue(HttpHead head) {
    return head.value("Expect")
        .map(value -> value.toLowerCase(Locale.ROOT).equals("100-continue"))
        .orElse(false);
  }
}
