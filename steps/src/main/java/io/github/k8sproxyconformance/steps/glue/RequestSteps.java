package io.github.k8sproxyconformance.steps.glue;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.config.Profile;
import io.github.k8sproxyconformance.testkit.http.RawRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/**
 * Builds the request a scenario sends, and sends it.
 *
 * <p>Features speak of "the cluster header" and "the cluster token"; this is where those words
 * become the concrete headers of the profile under test, so one scenario states the contract of
 * both Backstage generations.
 */
public class RequestSteps {

  private final ScenarioWorld world;

  public RequestSteps(ScenarioWorld world) {
    this.world = world;
  }

  @Given("the cluster header is {string}")
  public void clusterHeaderIs(String clusterName) {
    String header = world.profile().clusterHeader();
    update(world.request().withoutHeader(header).withHeader(header, clusterName));
  }

  @Given("the cluster header is sent twice, as {string} and then {string}")
  public void clusterHeaderIsSentTwice(String firstName, String secondName) {
    String header = world.profile().clusterHeader();
    update(
        world
            .request()
            .withoutHeader(header)
            .withHeader(header, firstName)
            .withHeader(header, secondName));
  }

  @Given("the cluster header is spelled in lower case and is {string}")
  public void clusterHeaderInLowerCaseIs(String clusterName) {
    String header = world.profile().clusterHeader();
    update(
        world
            .request()
            .withoutHeader(header)
            .withHeader(header.toLowerCase(Locale.ROOT), clusterName));
  }

  @Given("the request header {header} is {string}")
  public void requestHeaderIs(String name, String value) {
    update(world.request().withHeader(name, value));
  }

  @Given("the request carries the cluster token {string}")
  public void requestCarriesClusterToken(String token) {
    update(world.request().withHeader(clusterTokenHeader(world.profile()), token));
  }

  @Given("the request target is {string}")
  public void requestTargetIs(String rawTarget) {
    update(world.request().withTarget(rawTarget));
  }

  @Given("the request method is {method}")
  public void requestMethodIs(String method) {
    update(world.request().withMethod(method));
  }

  @Given("the request body is {string}")
  public void requestBodyIs(String text) {
    update(world.request().withBody(text.getBytes(StandardCharsets.UTF_8), false));
  }

  @Given("the request body is {int} random bytes")
  public void requestBodyIsRandomBytes(int size) {
    update(world.request().withBody(randomBytes(size), false));
  }

  @Given("the request body is {int} random bytes sent chunked")
  public void requestBodyIsRandomBytesSentChunked(int size) {
    update(world.request().withBody(randomBytes(size), true));
  }

  @When("the client sends the request")
  public void clientSendsTheRequest() {
    world.send();
  }

  @When("the client sends the request {int} times")
  public void clientSendsTheRequestTimes(int times) {
    for (int i = 0; i < times; i++) {
      world.send();
    }
  }

  /**
   * Where a caller puts the token meant for the cluster: Backstage today reads it from its own
   * header and copies it into {@code Authorization}; Backstage 1.9 forwarded {@code Authorization}
   * itself.
   */
  static String clusterTokenHeader(Profile profile) {
    return switch (profile) {
      case BACKSTAGE_CURRENT -> "Backstage-Kubernetes-Authorization";
      case BACKSTAGE_1_9 -> "Authorization";
    };
  }

  /** Bytes that look random but are the same on every run, so a failure can be reproduced. */
  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private void update(RawRequest next) {
    world.request(next);
  }
}
