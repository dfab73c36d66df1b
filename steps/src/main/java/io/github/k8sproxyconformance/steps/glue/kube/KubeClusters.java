package io.github.k8sproxyconformance.steps.glue.kube;

import io.github.k8sproxyconformance.fixtures.kube.KubeApiClient;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.config.Profile;
import io.github.k8sproxyconformance.testkit.http.RawRequest;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes API clusters of the topology as the steps use them: reached directly, past the
 * proxy, with their own credentials, to set up state and to check what the proxy did.
 */
final class KubeClusters {

  /** Bounds every direct exchange with a cluster. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ScenarioWorld world;

  KubeClusters(ScenarioWorld world) {
    this.world = world;
  }

  /** A client for the cluster, with its own service-account token. */
  KubeApiClient direct(ClusterSpec cluster) {
    return world
        .topology()
        .kube(cluster.id())
        .map(api -> KubeApiClient.of(api, TIMEOUT))
        .orElseThrow(
            () ->
                new AssertionError("cluster " + cluster.id() + " is not a Kubernetes API cluster"));
  }

  /** {@code Bearer <token>} of the cluster's service account: minted by k3s, or configured. */
  String bearerToken(ClusterSpec cluster) {
    if (cluster.serviceAccountToken() == null) {
      throw new AssertionError("cluster " + cluster.id() + " has no service-account token");
    }
    return "Bearer " + cluster.serviceAccountToken();
  }

  /** The ids of every Kubernetes API cluster, each also the name of the namespace it holds. */
  List<String> kubeIds() {
    return world.topology().specs().stream()
        .filter(spec -> spec.kind().isKubeApi())
        .map(ClusterSpec::id)
        .toList();
  }

  /**
   * Where a caller puts the cluster token in the profile under test: Backstage today reads its own
   * header and copies it into Authorization, Backstage 1.9 forwards Authorization itself.
   */
  String clusterTokenHeaderName() {
    return world.profile() == Profile.BACKSTAGE_CURRENT
        ? "Backstage-Kubernetes-Authorization"
        : "Authorization";
  }

  /** The cluster token the request carries, from the header the profile puts it in. */
  Optional<String> clusterToken(RawRequest request) {
    String header = clusterTokenHeaderName();
    return request.headers().stream()
        .filter(field -> field.name().equalsIgnoreCase(header))
        .map(field -> field.value())
        .findFirst();
  }

  /** Status, headers and the start of the body, with the user's proxy token masked. */
  String describe(RawResponse response) {
    String text =
        "status "
            + response.status()
            + " "
            + response.headers()
            + " body: "
            + response.bodyExcerpt();
    return world.config().masked(text);
  }
}
