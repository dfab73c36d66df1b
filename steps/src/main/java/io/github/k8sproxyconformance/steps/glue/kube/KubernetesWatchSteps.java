package io.github.k8sproxyconformance.steps.glue.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.github.k8sproxyconformance.fixtures.kube.KubeApiClient;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.testkit.http.ResponseStream;
import io.github.k8sproxyconformance.testkit.http.ResponseStream.Chunk;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A watch through the proxy while the watched object is created and deleted on the cluster.
 *
 * <p>The object is changed directly on the cluster, past the proxy, so only the watch stream
 * travels through the proxy; the deletion waits until the ADDED event has arrived (or a bounded
 * time has passed), so a proxy that holds the stream back is caught by the order of events, not by
 * a timing threshold.
 */
public class KubernetesWatchSteps {

  /** Far more than a relaying proxy needs; a buffering one holds events until the watch ends. */
  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);

  private final ScenarioWorld world;
  private final KubeClusters clusters;
  private WatchLog log;

  public KubernetesWatchSteps(ScenarioWorld world) {
    this.world = world;
    this.clusters = new KubeClusters(world);
  }

  @When(
      "the client watches while ConfigMap {string} is created and then deleted in namespace"
          + " {string} of cluster {cluster}")
  public void clientWatchesWhileConfigMapIsCreatedAndDeleted(
      String name, String namespace, ClusterSpec cluster) {
    KubeApiClient direct = clusters.direct(cluster);
    ResponseStream stream = world.openStream();
    log = new WatchLog(stream.status());
    if (stream.status() != 200) {
      return;
    }
    direct.putConfigMap(namespace, name, Map.of("watched", "true"));
    awaitEvent(stream, "ADDED", name);
    log.deletionSent(Instant.now());
    direct.deleteConfigMap(namespace, name);
    awaitEvent(stream, "DELETED", name);
  }

  @Then("the watch delivered an ADDED event for ConfigMap {string} before it was deleted")
  public void watchDeliveredAddedBeforeDeletion(String name) {
    WatchLog watch = log();
    Optional<WatchLog.Event> added = watch.find("ADDED", name);
    assertThat(added).as("ADDED event for %s; %s", name, watch.describe()).isPresent();
    assertThat(added.get().arrivedAt())
        .as("arrival of the ADDED event versus the deletion; %s", watch.describe())
        .isBefore(watch.deletionSentAt().orElseThrow());
  }

  @Then("the watch delivered a DELETED event for ConfigMap {string}")
  public void watchDeliveredDeleted(String name) {
    WatchLog watch = log();
    assertThat(watch.find("DELETED", name))
        .as("DELETED event for %s; %s", name, watch.describe())
        .isPresent();
  }

  /** Reads the stream until the event arrives or the stream ends. */
  private void awaitEvent(ResponseStream stream, String type, String name) {
    Instant deadline = Instant.now().plus(EVENT_TIMEOUT);
    while (log.find(type, name).isEmpty()) {
      Duration left = Duration.between(Instant.now(), deadline);
      Optional<Chunk> chunk;
      try {
        chunk = stream.nextChunk(left.isNegative() ? Duration.ZERO : left);
      } catch (AssertionError timedOut) {
        throw new AssertionError(
            "no "
                + type
                + " event for ConfigMap "
                + name
                + " arrived through the proxy within "
                + EVENT_TIMEOUT.toSeconds()
                + " s; "
                + log.describe(),
            timedOut);
      }
      if (chunk.isEmpty()) {
        return;
      }
      log.add(chunk.get());
    }
  }

  private WatchLog log() {
    if (log == null) {
      throw new AssertionError("no watch was opened: use 'the client watches while ...'");
    }
    return log;
  }
}
