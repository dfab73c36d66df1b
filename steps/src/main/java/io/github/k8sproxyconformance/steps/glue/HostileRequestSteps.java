package io.github.k8sproxyconformance.steps.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.testkit.http.ClosedWithoutResponse;
import io.github.k8sproxyconformance.testkit.http.RawHttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * Requests no well-behaved client sends: control bytes in header values, oversized heads, request
 * lines that name another host, and a bounded wait for an answer that may never come.
 *
 * <p>They are what an attacker sends to a proxy holding cluster credentials. Each is built on the
 * scenario's request, so the cluster header and target of the other steps still apply, and each is
 * sent byte for byte by the raw client: no library would send them at all.
 */
public class HostileRequestSteps {

  /** The control bytes a header value may carry in a scenario, by the name a feature uses. */
  /** The status noted when the connection closed without a response head. */
  private static final int CLOSED = -1;

  private static final Map<String, String> CONTROL_BYTES =
      Map.of("CR", "\r", "LF", "\n", "NUL", "\0");

  private final ScenarioWorld world;
  private int refusalStatus;

  public HostileRequestSteps(ScenarioWorld world) {
    this.world = world;
  }

  @Given("the request header {header} has a {word} byte inside its value")
  public void requestHeaderHasControlByte(String name, String control) {
    String value = CONTROL_BYTES.get(control);
    if (value == null) {
      throw new IllegalArgumentException(
          "no control byte named '" + control + "'; known: " + CONTROL_BYTES.keySet());
    }
    world.request(world.request().withHeader(name, "before" + value + "after"));
  }

  @Given("the request header {header} is {int} bytes long")
  public void requestHeaderIsLong(String name, int length) {
    world.request(world.request().withHeader(name, "x".repeat(length)));
  }

  @Given("the request carries {int} more headers")
  public void requestCarriesMoreHeaders(int count) {
    var request = world.request();
    for (int i = 1; i <= count; i++) {
      request = request.withHeader("X-Filler-" + i, "v");
    }
    world.request(request);
  }

  @Given("the request line names the address of cluster {cluster} in absolute form")
  public void requestLineInAbsoluteForm(ClusterSpec cluster) {
    world.request(world.request().inAbsoluteForm(authorityOf(cluster)));
  }

  @Given("the request is a CONNECT to the address of cluster {cluster}")
  public void requestIsConnectTo(ClusterSpec cluster) {
    world.request(world.request().withMethod("CONNECT").inAuthorityForm(authorityOf(cluster)));
  }

  /**
   * Reads only the response head: a server that refuses a request it has not read to the end closes
   * the connection after its answer, and the reset may then cut the body of that answer.
   */
  @When("the client sends the request, which the proxy may refuse by closing the connection")
  public void clientSendsRefusableRequest() {
    try {
      refusalStatus = world.openStream().status();
    } catch (ClosedWithoutResponse e) {
      refusalStatus = CLOSED;
    }
  }

  @Then("the proxy refused the request with a 4xx or by closing the connection")
  public void proxyRefusedTheRequest() {
    if (refusalStatus == CLOSED) {
      return;
    }
    assertThat(refusalStatus)
        .as(
            "response status; received by the clusters: %s",
            new AssertionEvidence(world).received())
        .matches(status -> status / 100 == 4, "is a 4xx");
  }

  @When("the client sends the request and waits at most {int} seconds for the answer")
  public void clientSendsAndWaitsAtMost(int seconds) {
    world.send(new RawHttpClient(Duration.ofSeconds(seconds)));
  }

  private String authorityOf(ClusterSpec cluster) {
    return world.topology().url(cluster.id()).getRawAuthority();
  }
}
