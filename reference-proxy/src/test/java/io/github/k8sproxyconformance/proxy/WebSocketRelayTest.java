package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.k8sproxyconformance.proxy.support.WebSocketTestClient;
import io.github.k8sproxyconformance.proxy.support.WebSocketTestClient.Session;
import io.github.k8sproxyconformance.proxy.support.WebSocketUpstream;
import io.github.k8sproxyconformance.proxy.support.WebSocketUpstream.Handshake;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.UpgradeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebSocketRelayTest extends ProxyTestBase {
  private static final String BKC = "Backstage-Kubernetes-Cluster";
  private static final String EXEC = "/api/v1/namespaces/default/pods/p/exec?command=sh&stdin=true";
  private static final String HANDSHAKE_KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";

  private WebSocketUpstream upstream;
  private WebSocketTestClient client;

  @BeforeEach
  void start() throws Exception {
    upstream = closeLater(WebSocketUpstream.start());
    client = closeLater(new WebSocketTestClient());
    String url = "http://127.0.0.1:" + upstream.port();
    startProxy(
        kubernetes(
            configLocator(
                serviceAccount("alpha", url, "sa-token-alpha"),
                serviceAccount("prefixed", url + "/k8s/clusters/c-1", "sa-token-prefixed"),
                serviceAccount("down", "http://127.0.0.1:" + closedPort(), "sa-token-down"))));
  }

  private Session open(String cluster, String pathAfterMount, String... subprotocols)
      throws Exception {
    URI uri = URI.create(proxyUri(pathAfterMount).toString().replaceFirst("^http", "ws"));
    return client.connect(uri, List.of(subprotocols), Map.of(BKC, cluster));
  }

  @Test
  void theClusterReceivesTheJoinedTargetTheTokenAndTheOfferedSubprotocols() throws Exception {
    Session session =
        open("prefixed", EXEC, "v5.channel.k8s.io", "v4.channel.k8s.io", "base64.channel.k8s.io");

    assertThat(session.subprotocol()).isEqualTo("v5.channel.k8s.io");
    Handshake handshake = upstream.handshakes().get(0);
    assertThat(handshake.target()).isEqualTo("/k8s/clusters/c-1" + EXEC);
    assertThat(handshake.headers().getValuesList("Authorization"))
        .containsExactly("Bearer sa-token-prefixed");
    assertThat(handshake.headers().get("Host")).isEqualTo("127.0.0.1:" + upstream.port());
    assertThat(handshake.headers().get(BKC)).isEqualTo("prefixed");
    assertThat(String.join(", ", handshake.headers().getValuesList("Sec-WebSocket-Protocol")))
        .isEqualTo("v5.channel.k8s.io, v4.channel.k8s.io, base64.channel.k8s.io");
  }

  @Test
  void textAndBinaryFramesComeBackWithTheirType() throws Exception {
    Session session = open("alpha", EXEC, "v4.channel.k8s.io");

    session.send(OpCode.TEXT, "hello".getBytes(StandardCharsets.UTF_8));
    session.send(OpCode.BINARY, new byte[] {0, 1, 2, (byte) 255});

    Frame text = session.next(TIMEOUT);
    Frame binary = session.next(TIMEOUT);
    assertThat(text.getOpCode()).isEqualTo(OpCode.TEXT);
    assertThat(text.getPayloadAsUTF8()).isEqualTo("hello");
    assertThat(binary.getOpCode()).isEqualTo(OpCode.BINARY);
    assertThat(binary.getPayload().array()).containsExactly(0, 1, 2, 255);
  }

  @Test
  void aCloseFromTheClusterReachesTheCallerWithCodeAndReason() throws Exception {
    Session session = open("alpha", EXEC);

    session.send(OpCode.TEXT, "close:4001:bye".getBytes(StandardCharsets.UTF_8));

    CloseStatus close = session.awaitClose(TIMEOUT);
    assertThat(close.getCode()).isEqualTo(4001);
    assertThat(close.getReason()).isEqualTo("bye");
  }

  @Test
  void aCloseFromTheCallerIsAnsweredThroughTheCluster() throws Exception {
    Session session = open("alpha", EXEC);

    session.close(4002, "done");

    CloseStatus close = session.awaitClose(TIMEOUT);
    assertThat(close.getCode()).isEqualTo(4002);
    assertThat(close.getReason()).isEqualTo("done");
  }

  @Test
  void anUnknownClusterGetsTheNotFoundEnvelope() throws Exception {
    RawResponse response = handshake("nosuch", "Connection: Upgrade");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.bodyText())
        .isEqualTo(
            envelope("NotFoundError", "Cluster 'nosuch' not found", "GET", "/proxy" + EXEC, 404));
    assertThat(upstream.handshakes()).isEmpty();
  }

  @Test
  void aClusterThatIsDownGetsTheRequestErrorEnvelopeBeforeAnySwitch() throws Exception {
    RawResponse response = handshake("down", "Connection: Upgrade");

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.bodyText()).contains("\"code\":\"ECONNREFUSED\"", "Cluster 'down'");
  }

  @Test
  void aClusterRefusalStatusIsRelayed() throws Exception {
    upstream.refuseWith(403);

    assertThatThrownBy(() -> open("alpha", EXEC))
        .hasRootCauseInstanceOf(UpgradeException.class)
        .rootCause()
        .satisfies(e -> assertThat(((UpgradeException) e).getResponseStatusCode()).isEqualTo(403));
  }

  @Test
  void otherUpgradesAreRefusedAndNeverReachTheCluster() throws Exception {
    RawResponse response =
        raw(
            "GET " + mount() + EXEC + " HTTP/1.1",
            BKC + ": alpha",
            "Connection: Upgrade",
            "Upgrade: SPDY/3.1");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText())
        .contains("\"name\":\"InputError\"", "Upgrade 'SPDY/3.1' is not supported");
    assertThat(upstream.handshakes()).isEmpty();
  }

  @Test
  void anH2cOfferIsServedAsPlainHttp() throws Exception {
    RawResponse response =
        raw(
            "GET " + mount() + "/api HTTP/1.1",
            BKC + ": alpha",
            "Connection: Upgrade, HTTP2-Settings",
            "Upgrade: h2c",
            "HTTP2-Settings: AAMAAABkAAQBAAAAAAIAAAAA");

    assertThat(response.status()).isEqualTo(200);
    assertThat(upstream.handshakes())
        .singleElement()
        .satisfies(h -> assertThat(h.headers().get("Upgrade")).isNull());
  }

  @Test
  void anUpgradeTokenInAConnectionListQualifies() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", proxy.endpoint().getPort())) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      String request =
          String.join(
              "\r\n",
              "GET " + mount() + EXEC + " HTTP/1.1",
              "Host: 127.0.0.1",
              BKC + ": alpha",
              "Connection: keep-alive, Upgrade",
              "Upgrade: websocket",
              "Sec-WebSocket-Version: 13",
              HANDSHAKE_KEY,
              "",
              "");
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));

      assertThat(in.readLine()).startsWith("HTTP/1.1 101");
    }
    assertThat(upstream.handshakes()).hasSize(1);
  }

  private RawResponse handshake(String cluster, String connection) throws Exception {
    return raw(
        "GET " + mount() + EXEC + " HTTP/1.1",
        BKC + ": " + cluster,
        connection,
        "Upgrade: websocket",
        "Sec-WebSocket-Version: 13",
        HANDSHAKE_KEY);
  }
}
