package io.github.k8sproxyconformance.steps.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.github.k8sproxyconformance.fixtures.echo.SentResponse;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.heads.Allowances;
import io.github.k8sproxyconformance.steps.heads.HeadComparison;
import io.github.k8sproxyconformance.steps.heads.HeadReport;
import io.github.k8sproxyconformance.steps.heads.MessageHead;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Checks the response the client got: status, Backstage's error envelope, headers and body.
 *
 * <p>Error envelopes are compared field by field rather than as whole documents because Backstage
 * adds fields (a cause, a stack in development) that are not part of the contract, while name,
 * message and status are what clients branch on.
 */
public class ResponseSteps {

  private final ScenarioWorld world;
  private final AssertionEvidence evidence;
  private final HeadCheck headCheck;

  public ResponseSteps(ScenarioWorld world) {
    this.world = world;
    this.evidence = new AssertionEvidence(world);
    this.headCheck = new HeadCheck(world);
  }

  @Then("the response status is {status}")
  public void responseStatusIs(ExpectedStatus expected) {
    assertThat(response().status())
        .as("response status; %s", evidence.exchange())
        .matches(expected::matches, "is " + expected);
  }

  @Then("the response is a {status} error named {string} with message {string}")
  public void responseIsErrorWithMessage(ExpectedStatus status, String name, String message) {
    assertThat(text(errorOf(status, name).path("message")))
        .as("error.message; %s", evidence.exchange())
        .isEqualTo(message);
  }

  @Then("the response is a {status} error named {string} whose message starts with {string}")
  public void responseIsErrorWhoseMessageStartsWith(
      ExpectedStatus status, String name, String prefix) {
    assertThat(text(errorOf(status, name).path("message")))
        .as("error.message; %s", evidence.exchange())
        .startsWith(prefix);
  }

  @Then("the error envelope records method {method} and a URL ending with {string}")
  public void errorEnvelopeRecordsRequest(String method, String urlEnd) {
    JsonNode request = JsonBody.of(response()).path("request");
    assertThat(text(request.path("method")))
        .as("request.method of the error envelope; %s", evidence.response())
        .isEqualTo(method);
    assertThat(text(request.path("url")))
        .as("request.url of the error envelope; %s", evidence.response())
        .endsWith(urlEnd);
  }

  @Then("the response error message names the URLs of {cluster} and {cluster}")
  public void responseErrorMessageNamesUrls(ClusterSpec first, ClusterSpec second) {
    assertThat(text(JsonBody.of(response()).path("error").path("message")))
        .as("error.message; %s", evidence.exchange())
        .contains(url(first), url(second));
  }

  @Then("the response comes from cluster {cluster}")
  public void responseComesFromCluster(ClusterSpec cluster) {
    RawResponse response = response();
    assertThat(response.headerValues("X-Echo-Cluster"))
        .as("X-Echo-Cluster of the response; %s", evidence.exchange())
        .containsExactly(cluster.id());
    assertThat(text(JsonBody.of(response).path("cluster")))
        .as("cluster field of the echo body; %s", evidence.exchange())
        .isEqualTo(cluster.id());
  }

  @Then("the response header {header} is {string}")
  public void responseHeaderIs(String name, String value) {
    assertThat(response().headerValues(name))
        .as("values of response header %s; %s", name, evidence.response())
        .containsExactly(value);
  }

  @Then("the response body is gzip-compressed JSON from cluster {cluster}")
  public void responseBodyIsGzipJsonFrom(ClusterSpec cluster) {
    RawResponse response = response();
    assertThat(response.headerValues("Content-Encoding"))
        .as("Content-Encoding of the response; %s", evidence.response())
        .containsExactly("gzip");
    byte[] body = response.body();
    assertThat(body.length >= 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b)
        .as("the body starts with the gzip magic bytes 1f 8b; %s", evidence.response())
        .isTrue();
    assertThat(text(JsonBody.of(response).path("cluster")))
        .as("cluster field of the inflated echo body; %s", evidence.response())
        .isEqualTo(cluster.id());
  }

  @Then("the response body is {int} bytes long")
  public void responseBodyIsBytesLong(int length) {
    assertThat(response().body().length)
        .as("response body length; %s", evidence.responseHead())
        .isEqualTo(length);
  }

  @Then("the response body contains no token of the topology")
  public void responseBodyContainsNoToken() {
    String body = response().bodyText();
    List<String> tokens =
        world.topology().specs().stream()
            .map(ClusterSpec::serviceAccountToken)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    assertThat(tokens).as("configured tokens of the topology").isNotEmpty();
    assertThat(tokens)
        .as("configured tokens found in the response body; %s", evidence.response())
        .noneMatch(body::contains);
  }

  @Then("the client received the status the cluster sent")
  public void clientReceivedTheClusterStatus() {
    SentResponse sent = theSentResponse();
    int status = response().status();
    headCheck.require(
        "the client receives the status the cluster sent",
        status == sent.status()
            ? List.of()
            : List.of("status: the cluster sent " + sent.status() + ", the client got " + status),
        "the cluster sent",
        sentHead(sent),
        "the client received",
        receivedHead());
  }

  @Then("the client received every header the cluster sent, unchanged and in order")
  public void clientReceivedEveryClusterHeader() {
    SentResponse sent = theSentResponse();
    headCheck.require(
        "every header the cluster sent reaches the client unchanged and in order",
        HeadReport.lines(
            HeadComparison.forwarded(sent.headers(), response().headers(), Allowances.none())),
        "the cluster sent",
        sentHead(sent),
        "the client received",
        receivedHead());
  }

  @Then("the client received no header the cluster did not send")
  public void clientReceivedNoHeaderTheClusterDidNotSend() {
    SentResponse sent = theSentResponse();
    headCheck.require(
        "the client receives no header the cluster did not send",
        HeadReport.lines(
            HeadComparison.added(sent.headers(), response().headers(), Allowances.none())),
        "the cluster sent",
        sentHead(sent),
        "the client received",
        receivedHead());
  }

  /** The one response head a cluster wrote in this scenario. */
  private SentResponse theSentResponse() {
    List<SentResponse> all = world.topology().sentByAll();
    assertThat(all)
        .withFailMessage(
            "expected exactly one response from a cluster, but %d were sent: %s%nresponse: %s",
            all.size(), all, evidence.response())
        .hasSize(1);
    return all.get(0);
  }

  private static MessageHead sentHead(SentResponse sent) {
    return new MessageHead("HTTP/1.1 " + sent.status() + " " + sent.reason(), sent.headers());
  }

  private MessageHead receivedHead() {
    RawResponse response = response();
    return new MessageHead(
        "HTTP/1.1 " + response.status() + " " + response.reason(), response.headers());
  }

  /** Asserts status and error name of the envelope, and returns its {@code error} object. */
  private JsonNode errorOf(ExpectedStatus status, String name) {
    responseStatusIs(status);
    JsonNode envelope = JsonBody.of(response());
    assertThat(text(envelope.path("error").path("name")))
        .as("error.name; %s", evidence.response())
        .isEqualTo(name);
    JsonNode statusCode = envelope.path("response").path("statusCode");
    assertThat(statusCode.isNumber() ? statusCode.asInt() : null)
        .as("response.statusCode of the error envelope; %s", evidence.response())
        .isEqualTo(response().status());
    return envelope.path("error");
  }

  private RawResponse response() {
    return world.lastResponse();
  }

  private String url(ClusterSpec cluster) {
    return world.topology().url(cluster.id()).toString();
  }

  /** The string value of a JSON node, or null when it is missing or not a string. */
  private static String text(JsonNode node) {
    return node.isString() ? node.stringValue() : null;
  }
}
