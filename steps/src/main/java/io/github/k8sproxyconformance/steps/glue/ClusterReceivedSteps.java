package io.github.k8sproxyconformance.steps.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.github.k8sproxyconformance.fixtures.echo.ReceivedRequest;
import io.github.k8sproxyconformance.fixtures.topology.ClusterKind;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.heads.Allowances;
import io.github.k8sproxyconformance.steps.heads.HeadComparison;
import io.github.k8sproxyconformance.steps.heads.HeadReport;
import io.github.k8sproxyconformance.steps.heads.MessageHead;
import io.github.k8sproxyconformance.steps.report.ScenarioNotChecked;
import io.github.k8sproxyconformance.testkit.http.RawHttpClient;
import io.github.k8sproxyconformance.testkit.http.RawRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks the request as the clusters received it, from the echo clusters' recordings.
 *
 * <p>What reached the cluster is the evidence that counts: a proxy's own account of what it sent
 * can be wrong. Steps about "the cluster" first require that exactly one request reached any
 * cluster in the scenario, so a stray second request (a retry, a redirect followed) fails loudly.
 */
public class ClusterReceivedSteps {

  /**
   * Headers a proxy adds to say it forwarded a request; none may appear unless the client sent it.
   */
  private static final List<String> FORWARDING_HEADERS =
      List.of(
          "X-Forwarded-For",
          "X-Forwarded-Host",
          "X-Forwarded-Proto",
          "X-Forwarded-Port",
          "X-Forwarded-Server",
          "Forwarded",
          "Via",
          "X-Real-IP");

  private final ScenarioWorld world;
  private final AssertionEvidence evidence;
  private final HeadCheck headCheck;

  public ClusterReceivedSteps(ScenarioWorld world) {
    this.world = world;
    this.evidence = new AssertionEvidence(world);
    this.headCheck = new HeadCheck(world);
  }

  @Given("cluster {cluster} is running")
  public void clusterIsRunning(ClusterSpec cluster) {
    if (world.topology().echo(cluster.id()).isEmpty()) {
      String why =
          cluster.kind() == ClusterKind.LOCAL_KUBECTL_PROXY
              ? ": its fixed address 127.0.0.1:8001 is taken by another process"
              : ": it is of kind " + cluster.kind();
      throw ScenarioNotChecked.unsupported("cluster " + cluster.id() + " is not running" + why);
    }
  }

  @Then("no cluster received any request")
  public void noClusterReceivedAnyRequest() {
    List<ReceivedRequest> all = received();
    assertThat(all)
        .withFailMessage(
            "expected no request to reach any cluster, but:%n%s%nresponse: %s",
            evidence.received(all), evidence.response())
        .isEmpty();
  }

  @Then("only cluster {cluster} received the request")
  public void onlyClusterReceivedTheRequest(ClusterSpec cluster) {
    assertThat(theReceivedRequest().clusterId())
        .as("the cluster that received the request; %s", evidence.exchange())
        .isEqualTo(cluster.id());
  }

  @Then("cluster {cluster} received {int} requests")
  public void clusterReceivedRequests(ClusterSpec cluster, int count) {
    assertThat(receivedBy(cluster))
        .withFailMessage(
            "expected %d requests at %s, but the clusters received:%n%s",
            count, cluster.id(), evidence.received())
        .hasSize(count);
  }

  @Then("cluster {cluster} received no request")
  public void clusterReceivedNoRequest(ClusterSpec cluster) {
    clusterReceivedRequests(cluster, 0);
  }

  @Then("the cluster received the request target {string}")
  public void clusterReceivedTarget(String rawTarget) {
    assertThat(theReceivedRequest().rawTarget())
        .as("request-target the cluster received; %s", evidence.received())
        .isEqualTo(rawTarget);
  }

  @Then("the cluster received method {method}")
  public void clusterReceivedMethod(String method) {
    assertThat(theReceivedRequest().method())
        .as("method the cluster received; %s", evidence.received())
        .isEqualTo(method);
  }

  @Then("the cluster received header {header} with value {string}")
  public void clusterReceivedHeaderWithValue(String name, String value) {
    assertThat(theReceivedRequest().headerValues(name))
        .as("values of %s the cluster received; %s", name, evidence.received())
        .containsExactly(value);
  }

  @Then("the cluster received no {header} header")
  public void clusterReceivedNoHeader(String name) {
    assertThat(theReceivedRequest().headerValues(name))
        .as("values of %s the cluster received; %s", name, evidence.received())
        .isEmpty();
  }

  @Then("the cluster received the request body unchanged")
  public void clusterReceivedBodyUnchanged() {
    byte[] sent = lastSent().request().body();
    ReceivedRequest request = theReceivedRequest();
    assertThat(request.bodyLength())
        .as("body length the cluster read; %s", evidence.received())
        .isEqualTo(sent.length);
    assertThat(request.bodySha256())
        .as("SHA-256 of the body the cluster read; %s", evidence.received())
        .isEqualTo(sha256(sent));
  }

  @Then("the cluster received no client certificate")
  public void clusterReceivedNoClientCertificate() {
    assertThat(theReceivedRequest().clientCertificate())
        .as("client certificate presented to the cluster; %s", evidence.received())
        .isEmpty();
  }

  @Then("the cluster received a Host header naming its own address")
  public void clusterReceivedItsOwnHost() {
    ReceivedRequest request = theReceivedRequest();
    String authority = world.topology().url(request.clusterId()).getRawAuthority();
    assertThat(request.headerValues("Host"))
        .as("Host the cluster received; %s", evidence.received())
        .containsExactly(authority);
  }

  @Then("the cluster received none of the forwarding headers")
  public void clusterReceivedNoForwardingHeaders() {
    ReceivedRequest request = theReceivedRequest();
    assertThat(FORWARDING_HEADERS)
        .as("forwarding headers the cluster received; %s", evidence.received())
        .noneMatch(request::hasHeader);
  }

  @Then("the cluster received the request line the client sent, without the mount prefix")
  public void clusterReceivedTheRequestLine() {
    ReceivedRequest request = theReceivedRequest();
    RawRequest sent = lastSent().request();
    String path = world.topology().url(request.clusterId()).getRawPath();
    String target =
        (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + sent.target();
    String expected = sent.method() + " " + (target.isEmpty() ? "/" : target) + " HTTP/1.1";
    MessageHead received = receivedHead(request);
    headCheck.require(
        "the cluster receives the client's request line without the mount prefix",
        expected.equals(received.startLine())
            ? List.of()
            : List.of(
                "request line: expected '"
                    + expected
                    + "', received '"
                    + received.startLine()
                    + "'"),
        "the client sent",
        sentHead(),
        "the cluster received",
        received);
  }

  @Then("the cluster received every end-to-end header the client sent, unchanged and in order")
  public void clusterReceivedEveryEndToEndHeader() {
    ReceivedRequest request = theReceivedRequest();
    MessageHead sent = sentHead();
    headCheck.require(
        "every end-to-end header the client sent reaches the cluster unchanged and in order",
        HeadReport.lines(
            HeadComparison.forwarded(sent.fields(), request.headers(), requestAllowances())),
        "the client sent",
        sent,
        "the cluster received",
        receivedHead(request));
  }

  @Then(
      "the cluster received no header the client did not send, apart from Host and the cluster"
          + " token")
  public void clusterReceivedNoHeaderTheClientDidNotSend() {
    ReceivedRequest request = theReceivedRequest();
    MessageHead sent = sentHead();
    headCheck.require(
        "the cluster receives no header the client did not send, apart from Host and the cluster"
            + " token",
        HeadReport.lines(
            HeadComparison.added(sent.fields(), request.headers(), requestAllowances())),
        "the client sent",
        sent,
        "the cluster received",
        receivedHead(request));
  }

  private Allowances requestAllowances() {
    return Allowances.onTheWayToTheCluster(world.profile());
  }

  /** The head the client wrote on the wire, with the Host and framing the client adds. */
  private MessageHead sentHead() {
    ScenarioWorld.Sent sent = lastSent();
    return MessageHead.parse(RawHttpClient.wireBytes(sent.endpoint(), sent.request()));
  }

  private static MessageHead receivedHead(ReceivedRequest request) {
    return new MessageHead(
        request.method() + " " + request.rawTarget() + " " + request.httpVersion(),
        request.headers());
  }

  private ScenarioWorld.Sent lastSent() {
    return world.lastSent().orElseThrow(() -> new AssertionError("no request was sent"));
  }

  private ReceivedRequest theReceivedRequest() {
    List<ReceivedRequest> all = received();
    assertThat(all)
        .withFailMessage(
            "expected exactly one request to reach a cluster, but %d did:%n%s%nresponse: %s",
            all.size(), evidence.received(all), evidence.response())
        .hasSize(1);
    return all.get(0);
  }

  private List<ReceivedRequest> receivedBy(ClusterSpec cluster) {
    return received().stream().filter(request -> request.clusterId().equals(cluster.id())).toList();
  }

  private List<ReceivedRequest> received() {
    return world.topology().receivedByAll();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
