package io.github.k8sproxyconformance.steps.heads;

import io.github.k8sproxyconformance.steps.config.Profile;

/**
 * The changes to a message's end-to-end headers a contract allows on the way through a proxy,
 * beyond hop-by-hop headers and framing, which {@link HeadComparison} always allows.
 *
 * <p>Naming them in one place keeps Backstage's deliberate differences visible: every other change
 * is a difference a scenario reports.
 *
 * @param notJudged names whose arrival is judged by other steps (Host, a replaced credential)
 * @param mayBeConsumed names the proxy may keep to itself; when they arrive they arrive unchanged
 * @param mayBeAdded names the proxy may send although the sender did not
 */
public record Allowances(HeaderNames notJudged, HeaderNames mayBeConsumed, HeaderNames mayBeAdded) {

  /**
   * What the profile lets a proxy change in the caller's head on the way to the cluster. In both,
   * {@code Host} names the cluster (judged by its own step) and the cluster header may be consumed.
   * Backstage today also consumes the caller's {@code Authorization} and {@code Cookie} (which
   * never reach a cluster, judged by the credential steps) and the {@code
   * Backstage-Kubernetes-Authorization*} token headers (Backstage forwards them, the reference
   * proxy does not), and adds {@code Authorization} with the cluster token. Backstage 1.9 forwards
   * every credential as sent and adds none.
   */
  public static Allowances onTheWayToTheCluster(Profile profile) {
    return switch (profile) {
      case BACKSTAGE_CURRENT ->
          new Allowances(
              HeaderNames.of("Host", "Authorization", "Cookie"),
              HeaderNames.of(profile.clusterHeader(), "Backstage-Kubernetes-Authorization*"),
              HeaderNames.of("Authorization"));
      case BACKSTAGE_1_9 ->
          new Allowances(
              HeaderNames.of("Host"), HeaderNames.of(profile.clusterHeader()), HeaderNames.of());
    };
  }

  /** No change allowed: what a response from the cluster must meet. */
  public static Allowances none() {
    return new Allowances(HeaderNames.of(), HeaderNames.of(), HeaderNames.of());
  }
}
