package io.github.k8sproxyconformance.steps.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.fixtures.topology.HangingCluster;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.testkit.http.RawHttpClient;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import io.github.k8sproxyconformance.testkit.http.TimedOut;
import java.time.Duration;

/**
 * A client that gives up on a cluster that never answers, and what the cluster then sees.
 *
 * <p>A proxy that keeps its connection to a hung cluster after the client has gone holds a
 * connection and often a thread per abandoned request; enough of them exhaust the proxy. The
 * cluster's side is the only place this shows, so the steps ask the hanging cluster how many of its
 * connections are still open.
 */
public class HungClusterSteps {

  private final ScenarioWorld world;

  public HungClusterSteps(ScenarioWorld world) {
    this.world = world;
  }

  @When("the client gives up after {int} second(s)")
  public void clientGivesUpAfter(int seconds) {
    RawResponse answered;
    try {
      answered = world.send(new RawHttpClient(Duration.ofSeconds(seconds)));
    } catch (TimedOut e) {
      return;
    }
    throw new AssertionError(
        "the client expected no answer from a hung cluster but got status " + answered.status());
  }

  @Then("cluster {cluster} had its connection closed within {int} seconds")
  public void clusterHadItsConnectionClosedWithin(ClusterSpec cluster, int seconds)
      throws InterruptedException {
    HangingCluster hanging =
        world
            .topology()
            .hanging(cluster.id())
            .orElseThrow(
                () -> new IllegalArgumentException(cluster.id() + " is not a hung cluster"));
    assertThat(hanging.accepted())
        .as("connections the proxy opened to cluster %s", cluster.id())
        .isPositive();
    assertThat(hanging.awaitNoneOpen(Duration.ofSeconds(seconds)))
        .as(
            "connections to cluster %s still open %d s after its client gave up (%s)",
            cluster.id(), seconds, world.target().description())
        .isZero();
  }
}
