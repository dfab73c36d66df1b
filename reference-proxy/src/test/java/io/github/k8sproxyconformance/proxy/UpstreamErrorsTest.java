package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.k8sproxyconformance.proxy.support.RawUpstream;
import io.github.k8sproxyconformance.proxy.support.Upstream;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest extends ProxyTestBase {
  private static final String BKC = "Backstage-Kubernetes-Cluster";

  @Test
  void aRefusedConnectionIsA500WithBackstagesEnvelopeAndTheFullUrl() throws Exception {
    int port = closedPort();
    startProxy(
        kubernetes(
            configLocator(serviceAccount("down", "http://127.0.0.1:" + port, "sa-token-down"))));

    HttpResponse<String> response =
        send("DELETE", "/api/v1/namespaces/x?dryRun=All", null, BKC, "down");

    String cause = "connect ECONNREFUSED 127.0.0.1:" + port;
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("application/json; charset=utf-8");
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"name\":\"Error\",\"message\":\"Cluster 'down' request error; caused by Error: "
                + cause
                + "\",\"cause\":{\"name\":\"Error\",\"code\":\"ECONNREFUSED\",\"message\":\""
                + cause
                + "\"}},\"request\":{\"method\":\"DELETE\","
                + "\"url\":\"/api/kubernetes/proxy/api/v1/namespaces/x?dryRun=All\"},"
                + "\"response\":{\"statusCode\":500}}");
  }

  @Test
  void aConnectionClosedBeforeTheResponseIsA500SocketHangUp() throws Exception {
    RawUpstream upstream = closeLater(RawUpstream.hangingUp());
    startProxy(kubernetes(configLocator(serviceAccount("victim", upstream.url(), "t"))));

    HttpResponse<String> response = get("/api", BKC, "victim");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .contains(
            "\"message\":\"Cluster 'victim' request error; caused by Error: socket hang up\"",
            "\"code\":\"ECONNRESET\"");
    assertThat(upstream.accepted()).isPositive();
  }

  @Test
  void aFailureAfterTheResponseStartedAbortsTheClientConnection() throws Exception {
    RawUpstream upstream =
        closeLater(
            RawUpstream.replying(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"));
    startProxy(kubernetes(configLocator(serviceAccount("victim", upstream.url(), "t"))));

    // keep-alive, so the proxy frames the body in chunks and an abort shows as a missing last chunk
    assertThatThrownBy(
            () ->
                raw(
                    "GET " + mount() + "/api?watch=1 HTTP/1.1",
                    BKC + ": victim",
                    "Connection: keep-alive"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the connection closed before the last chunk");
  }

  @Test
  void theProxyRecoversOnceTheClusterIsBack() throws Exception {
    int port = closedPort();
    startProxy(kubernetes(configLocator(serviceAccount("flaky", "http://127.0.0.1:" + port, "t"))));
    assertThat(get("/api", BKC, "flaky").statusCode()).isEqualTo(500);

    try (Upstream upstream = Upstream.http(port)) {
      assertThat(get("/api", BKC, "flaky").statusCode()).isEqualTo(200);
      assertThat(upstream.received()).hasSize(1);
    }
  }
}
