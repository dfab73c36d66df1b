package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.FaultUpstream;
import io.github.k8sproxyconformance.proxy.support.FaultUpstream.Fault;
import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.http.LenientExchange;
import io.github.k8sproxyconformance.testkit.http.LenientResponse;
import io.github.k8sproxyconformance.testkit.tls.TestCertificateAuthority;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each way a cluster can fail has one defined outcome for the client, and none leaves the proxy
 * holding a connection. The faults come from {@link FaultUpstream}; the client reads leniently, so
 * a truncated answer is seen as truncated rather than as an exception.
 */
class UpstreamFaultsTest extends ProxyTestBase {
  static final Duration ANSWER_LIMIT = Duration.ofSeconds(5);
  private static final Duration RELEASE_LIMIT = Duration.ofSeconds(10);

  /** Catches a proxy that answers a refused connection with a bare 502 or no envelope. */
  @Test
  void aRefusedConnectionIsTheRequestErrorEnvelope() throws Exception {
    int port = closedPort();
    startProxy(kubernetes(configLocator(serviceAccount("down", "http://127.0.0.1:" + port, "t"))));

    LenientResponse outcome = send("down", "/api/v1/pods");

    assertRequestError(outcome, "down", "ECONNREFUSED");
  }

  /**
   * Catches a proxy that hands a client a short body as if it were whole: the client sees the
   * promised Content-Length unmet and the connection ended, never a complete response.
   */
  @Test
  void aResetMidResponseEndsTheClientConnectionWithTheBodyIncomplete() throws Exception {
    FaultUpstream upstream = faultUpstream();

    LenientResponse outcome = send("faulty", "/api/v1/pods?" + Fault.RESET_MID_RESPONSE.query());

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(outcome.header("Content-Length")).contains("100");
    assertThat(outcome.bodyText()).isEqualTo("{\"items\":[");
    assertThat(outcome.complete()).isFalse();
    assertThat(outcome.timedOut()).isFalse();
    assertThat(upstream.awaitNoneOpen(RELEASE_LIMIT)).isZero();
  }

  /**
   * Catches a proxy that ends a broken watch with a clean last chunk, which a client would take for
   * the server closing the watch normally: the events already sent arrive, then the stream breaks.
   */
  @Test
  void aResetMidStreamBreaksTheClientStreamAfterTheEventsSent() throws Exception {
    FaultUpstream upstream = faultUpstream();

    LenientResponse outcome =
        send("faulty", "/api/v1/pods?watch=1&" + Fault.RESET_MID_STREAM.query());

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(outcome.bodyText()).startsWith("{\"type\":\"ADDED\",\"n\":1}\n");
    assertThat(outcome.complete()).isFalse();
    assertThat(outcome.timedOut()).isFalse();
    assertThat(upstream.awaitNoneOpen(RELEASE_LIMIT)).isZero();
  }

  /**
   * Catches a proxy with a hidden timeout of its own: by default a cluster slower than the
   * connection idle timeout is waited for, as Backstage waits.
   */
  @Test
  void slowHeadersAreWaitedForByDefault() throws Exception {
    FaultUpstream upstream = closeLater(new FaultUpstream());
    startProxy(
        kubernetes(configLocator(serviceAccount("faulty", upstream.url(), "t"))),
        "connectionIdleTimeoutMs: 400");

    LenientResponse outcome = send("faulty", "/api?" + Fault.SLOW_HEADERS.query());

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(outcome.bodyText()).isEqualTo(FaultUpstream.SLOW_BODY);
    assertThat(outcome.complete()).isTrue();
  }

  /**
   * Catches a proxy that ignores its exchange idle timeout, or answers it with a 504 or nothing:
   * when set, a cluster that sends no headers in time gets the ETIMEDOUT envelope and its
   * connection is closed.
   */
  @Test
  void slowHeadersPastTheExchangeIdleTimeoutAreTheTimeoutEnvelope() throws Exception {
    FaultUpstream upstream = closeLater(new FaultUpstream());
    startProxy(
        kubernetes(configLocator(serviceAccount("faulty", upstream.url(), "t"))),
        "exchangeIdleTimeoutMs: 300");

    LenientResponse outcome = send("faulty", "/api?" + Fault.SLOW_HEADERS.query());

    assertRequestError(outcome, "faulty", "ETIMEDOUT");
    assertThat(upstream.awaitNoneOpen(RELEASE_LIMIT)).isZero();
  }

  /**
   * Catches a proxy that hangs or answers 502 when an https cluster URL points at plain HTTP. The
   * cluster answers the handshake with a plain 400 and closes: whichever the proxy reads first
   * gives the code, EPROTO (not TLS) or ECONNRESET (closed during the handshake), as in Node.
   */
  @Test
  void httpsToAPlainHttpClusterIsTheRequestErrorEnvelope() throws Exception {
    Upstream plain = upstream();
    startProxy(
        kubernetes(
            configLocator(serviceAccount("mismatch", "https://127.0.0.1:" + plain.port(), "t"))));

    LenientResponse outcome = send("mismatch", "/api");

    assertRequestError(outcome, "mismatch", "EPROTO", "ECONNRESET");
    assertThat(plain.received()).isEmpty();
  }

  /**
   * Catches a proxy that hangs, or passes garbage on, when an http cluster URL points at TLS: the
   * TLS alert is no HTTP response, so the answer is the envelope with the parser's reason, and no
   * Jetty internals in the message.
   */
  @Test
  void plainHttpToATlsClusterIsTheRequestErrorEnvelope() throws Exception {
    Upstream tls =
        closeLater(Upstream.https(TestCertificateAuthority.selfSignedServer("127.0.0.1")));
    startProxy(
        kubernetes(
            configLocator(serviceAccount("mismatch", "http://127.0.0.1:" + tls.port(), "t"))));

    LenientResponse outcome = send("mismatch", "/api");

    assertRequestError(outcome, "mismatch", "EPROTO");
    assertThat(outcome.bodyText())
        .contains("caused by Error: Parse Error: ")
        .doesNotContain("HttpConnectionOverHTTP", "127.0.0.1");
    assertThat(tls.received()).isEmpty();
  }

  /**
   * Catches a proxy that holds a cluster connection for ever once its client has gone: Jetty does
   * not read a client connection whose request is complete, so without a check a hung cluster (no
   * headers) or a silent watch (headers, then nothing) would keep the connection and its file
   * descriptors until the cluster gives up, if ever.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET hang", "POST hang", "GET hang-after-headers"})
  void aHungClusterIsReleasedOnceItsClientHasGone(String request) throws Exception {
    FaultUpstream upstream = closeLater(new FaultUpstream());
    startProxy(
        kubernetes(configLocator(serviceAccount("faulty", upstream.url(), "t"))),
        "connectionIdleTimeoutMs: 500");
    String method = request.split(" ")[0];
    String fault = request.split(" ")[1];
    String body = method.equals("POST") ? "{\"kind\":\"ConfigMap\"}" : "";

    try (Socket client = new Socket("127.0.0.1", proxy.endpoint().getPort())) {
      client
          .getOutputStream()
          .write(
              (method
                      + " "
                      + mount()
                      + "/api/v1/configmaps?fault="
                      + fault
                      + " HTTP/1.1\r\nHost: proxy\r\nBackstage-Kubernetes-Cluster: faulty\r\n"
                      + "Content-Length: "
                      + body.length()
                      + "\r\n\r\n"
                      + body)
                  .getBytes(StandardCharsets.ISO_8859_1));
      awaitAccepted(upstream);
    }
    long closedAt = System.nanoTime();

    assertThat(upstream.awaitNoneOpen(RELEASE_LIMIT)).isZero();
    assertThat(upstream.closedByProxy()).isEqualTo(1);
    System.out.println(
        "released after " + (System.nanoTime() - closedAt) / 1_000_000 + " ms: " + request);
  }

  private FaultUpstream faultUpstream() throws Exception {
    FaultUpstream upstream = closeLater(new FaultUpstream());
    startProxy(kubernetes(configLocator(serviceAccount("faulty", upstream.url(), "t"))));
    return upstream;
  }

  /** Waits, bounded, until the proxy has opened one connection to {@code upstream}. */
  static void awaitAccepted(FaultUpstream upstream) throws InterruptedException {
    long deadline = System.nanoTime() + RELEASE_LIMIT.toNanos();
    while (upstream.open() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(upstream.open()).isEqualTo(1);
    Thread.sleep(100);
  }

  private LenientResponse send(String cluster, String pathAfterMount) throws Exception {
    String request =
        "GET "
            + mount()
            + pathAfterMount
            + " HTTP/1.1\r\nHost: proxy\r\nBackstage-Kubernetes-Cluster: "
            + cluster
            + "\r\nConnection: keep-alive\r\n\r\n";
    return LenientExchange.exchange(
        proxy.endpoint().getPort(),
        request.getBytes(StandardCharsets.ISO_8859_1),
        false,
        ANSWER_LIMIT.multipliedBy(2));
  }

  /** The 500 request-error envelope for {@code cluster}, with one of {@code codes} as its cause. */
  static void assertRequestError(LenientResponse outcome, String cluster, String... codes) {
    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.elapsed()).isLessThan(ANSWER_LIMIT);
    assertThat(outcome.status()).isEqualTo(500);
    assertThat(outcome.complete()).isTrue();
    assertThat(outcome.bodyText())
        .startsWith(
            "{\"error\":{\"name\":\"Error\",\"message\":\"Cluster '"
                + cluster
                + "' request error; caused by Error: ")
        .endsWith("\"response\":{\"statusCode\":500}}");
    assertThat(codes)
        .anyMatch(
            code ->
                outcome
                    .bodyText()
                    .contains("\"cause\":{\"name\":\"Error\",\"code\":\"" + code + "\""));
  }
}
