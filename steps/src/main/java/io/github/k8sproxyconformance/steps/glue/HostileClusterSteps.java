package io.github.k8sproxyconformance.steps.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.testkit.http.RawHttpClient;
import io.github.k8sproxyconformance.testkit.http.RawRequest;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.time.Duration;

/**
 * Steps for a cluster that answers in unexpected ways: a request sent as curl sends one with {@code
 * Expect: 100-continue}, the exact body of the answer, and whether the proxy still serves other
 * clusters afterwards.
 *
 * <p>Such a cluster can hang a proxy or exhaust it; the scenarios bound every wait, so a hang is a
 * failure with what arrived, not a stuck run.
 */
public class HostileClusterSteps {

  /** How long curl waits for a {@code 100 Continue} before it sends the body anyway. */
  private static final Duration CURL_CONTINUE_WAIT = Duration.ofSeconds(1);

  /** How long the follow-up request to another cluster may take. */
  private static final Duration FOLLOW_UP_TIMEOUT = Duration.ofSeconds(5);

  private final ScenarioWorld world;
  private final AssertionEvidence evidence;

  public HostileClusterSteps(ScenarioWorld world) {
    this.world = world;
    this.evidence = new AssertionEvidence(world);
  }

  @When(
      "the client sends the request, holding the body back for up to 1 second until a 100"
          + " Continue, and waits at most {int} seconds for the answer")
  public void clientSendsHoldingTheBodyForContinue(int seconds) {
    RawHttpClient client = new RawHttpClient(Duration.ofSeconds(seconds));
    world.send(
        (endpoint, request) -> client.sendExpectingContinue(endpoint, request, CURL_CONTINUE_WAIT));
  }

  @Then("the response body is {string}")
  public void responseBodyIs(String text) {
    assertThat(world.lastResponse().bodyText())
        .as("response body; %s", evidence.exchange())
        .isEqualTo(text);
  }

  @Then("the proxy still forwards a request to cluster {cluster}")
  public void proxyStillForwardsTo(ClusterSpec cluster) {
    RawRequest other =
        RawRequest.get("/api/v1/namespaces")
            .withHeader(world.profile().clusterHeader(), cluster.name());
    RawResponse response = world.sendAnother(other, new RawHttpClient(FOLLOW_UP_TIMEOUT));
    assertThat(response.headerValues("X-Echo-Cluster"))
        .as(
            "X-Echo-Cluster of the answer to a request for %s after this scenario's exchange;"
                + " status %d, body: %s",
            cluster.id(), response.status(), response.bodyExcerpt())
        .containsExactly(cluster.id());
  }
}
