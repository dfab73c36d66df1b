package io.github.k8sproxyconformance.steps.glue.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.ws.WebSocketClose;
import io.github.k8sproxyconformance.steps.ws.WebSocketConnection;
import io.github.k8sproxyconformance.steps.ws.WebSocketMessage;
import io.github.k8sproxyconformance.testkit.http.HeaderField;
import io.github.k8sproxyconformance.testkit.http.RawRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebSocket upgrades through the proxy, as kubectl exec and attach make them.
 *
 * <p>A scenario lists what the client will send (Given), opens the WebSocket and sends it in one
 * step (When), then reads what came back (Then). The echo cluster's first message describes the
 * handshake it received, so the same recording steps as for plain HTTP check what reached it.
 * Handshakes that must be refused are sent with the raw HTTP client, which shows the HTTP answer.
 */
public class WebSocketSteps {
  /** Bounds every handshake, send and read; a relaying proxy answers within milliseconds. */
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** The key of RFC 6455's example; any well-formed key will do for a handshake that is refused. */
  private static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ScenarioWorld world;
  private final List<WebSocketMessage> toSend = new ArrayList<>();
  private final List<WebSocketMessage> sent = new ArrayList<>();
  private Optional<WebSocketClose> closeToSend = Optional.empty();
  private WebSocketConnection connection;

  public WebSocketSteps(ScenarioWorld world) {
    this.world = world;
  }

  @Given("the request is a WebSocket handshake with Connection {string}")
  public void theRequestIsAWebSocketHandshake(String connection) {
    world.request(
        world
            .request()
            .withoutHeader("Connection")
            .withHeader("Connection", connection)
            .withHeader("Upgrade", "websocket")
            .withHeader("Sec-WebSocket-Version", "13")
            .withHeader("Sec-WebSocket-Key", SAMPLE_KEY));
  }

  @Given("the request asks to switch to protocol {string}")
  public void theRequestAsksToSwitchTo(String protocol) {
    world.request(
        world
            .request()
            .withoutHeader("Connection")
            .withHeader("Connection", "Upgrade")
            .withHeader("Upgrade", protocol));
  }

  @Given("the client will send the WebSocket text message {string}")
  public void theClientWillSendText(String text) {
    toSend.add(WebSocketMessage.ofText(text));
  }

  @Given("the client will send {int} random bytes as a WebSocket binary message")
  public void theClientWillSendBinary(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    toSend.add(WebSocketMessage.ofBinary(data));
  }

  @Given("the client will close the WebSocket with code {int} and reason {string}")
  public void theClientWillClose(int code, String reason) {
    closeToSend = Optional.of(new WebSocketClose(code, reason));
  }

  @When("the client opens a WebSocket with the request")
  public void theClientOpensAWebSocket() {
    theClientOpensAWebSocketOffering("");
  }

  @When("the client opens a WebSocket with the request, offering subprotocols {string}")
  public void theClientOpensAWebSocketOffering(String subprotocols) {
    RawRequest request = world.request();
    List<HeaderField> headers = new ArrayList<>(request.headers());
    Optional<String> authorization = world.config().proxyAuthorization();
    if (authorization.isPresent() && !request.hasHeader("Authorization")) {
      headers.add(new HeaderField("Authorization", authorization.get()));
    }
    connection =
        WebSocketConnection.open(
            webSocketUri(request.target()), headers, offer(subprotocols), TIMEOUT);
    for (WebSocketMessage message : toSend) {
      connection.send(message, TIMEOUT);
      sent.add(message);
    }
    closeToSend.ifPresent(close -> connection.close(close.code(), close.reason(), TIMEOUT));
  }

  @Then("the WebSocket is open with subprotocol {string}")
  public void theWebSocketIsOpenWithSubprotocol(String subprotocol) {
    assertThat(open().subprotocol()).as("negotiated subprotocol").isEqualTo(subprotocol);
  }

  @Then(
      "the first WebSocket message describes the handshake cluster {cluster} received, with subprotocol {string}")
  public void theFirstMessageDescribesTheHandshake(ClusterSpec cluster, String subprotocol) {
    WebSocketMessage first = open().nextMessage(TIMEOUT);
    assertThat(first.text()).as("the first message is text: %s", first).isTrue();
    JsonNode description = JSON.readTree(first.asText());
    assertThat(description.path("cluster").asString()).as("cluster").isEqualTo(cluster.id());
    assertThat(description.path("subprotocol").asString())
        .as("subprotocol the cluster chose")
        .isEqualTo(subprotocol);
  }

  @Then("the next WebSocket messages echo what the client sent")
  public void theNextMessagesEchoWhatWasSent() {
    assertThat(sent).as("messages sent").isNotEmpty();
    for (WebSocketMessage expected : sent) {
      WebSocketMessage echoed = open().nextMessage(TIMEOUT);
      assertThat(echoed.text())
          .as("%s came back as %s", expected, echoed)
          .isEqualTo(expected.text());
      assertThat(echoed.data()).as("payload of %s", expected).isEqualTo(expected.data());
    }
  }

  @Then("the WebSocket is closed by the other side with code {int} and reason {string}")
  public void theWebSocketIsClosedWith(int code, String reason) {
    WebSocketClose close = open().awaitClose(TIMEOUT);
    assertThat(close.code()).as("close code (reason '%s')", close.reason()).isEqualTo(code);
    assertThat(close.reason()).as("close reason").isEqualTo(reason);
  }

  @After
  public void closeTheWebSocket() {
    if (connection != null) {
      connection.close();
    }
  }

  private WebSocketConnection open() {
    if (connection == null) {
      throw new AssertionError("no WebSocket was opened");
    }
    return connection;
  }

  private URI webSocketUri(String target) {
    String endpoint = world.target().endpoint().toString();
    return URI.create(endpoint.replaceFirst("^http", "ws") + target);
  }

  private static List<String> offer(String subprotocols) {
    return Arrays.stream(subprotocols.split(","))
        .map(String::trim)
        .filter(protocol -> !protocol.isEmpty())
        .toList();
  }
}
