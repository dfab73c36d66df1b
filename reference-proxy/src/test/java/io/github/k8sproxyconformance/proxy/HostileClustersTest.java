package io.github.k8sproxyconformance.proxy;

import static io.github.k8sproxyconformance.proxy.UpstreamFaultsTest.ANSWER_LIMIT;
import static io.github.k8sproxyconformance.proxy.UpstreamFaultsTest.assertRequestError;
import static io.github.k8sproxyconformance.proxy.UpstreamFaultsTest.awaitAccepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.FaultUpstream;
import io.github.k8sproxyconformance.proxy.support.FaultUpstream.Fault;
import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.http.LenientExchange;
import io.github.k8sproxyconformance.testkit.http.LenientResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cluster that misbehaves on purpose gets a defined answer and leaves the proxy serving everyone
 * else: a response head without end, interim responses nobody asked for, an expectation it never
 * meets, all its connections taken.
 */
class HostileClustersTest extends ProxyTestBase {
  private static final Duration RELEASE_LIMIT = Duration.ofSeconds(10);

  /**
   * Catches a proxy without a bound on a cluster's response head: it reads header lines until its
   * heap is gone, and then serves no cluster at all.
   */
  @Test
  void aResponseHeadWithoutEndIsTheRequestErrorEnvelopeAndServiceGoesOn() throws Exception {
    FaultUpstream hostile = closeLater(new FaultUpstream());
    Upstream healthy = upstream();
    startProxy(
        kubernetes(
            configLocator(
                serviceAccount("hostile", hostile.url(), "t"),
                serviceAccount("healthy", healthy.url(), "t"))));

    LenientResponse endless = send("hostile", "/api/v1/pods?" + Fault.ENDLESS_HEAD.query(), "");

    assertRequestError(endless, "hostile", "HPE_HEADER_OVERFLOW");
    assertThat(endless.bodyText()).contains("Parse Error: Header overflow");
    assertThat(hostile.awaitNoneOpen(RELEASE_LIMIT)).isZero();
    assertThat(send("healthy", "/api/v1/pods", "").status()).isEqualTo(200);
  }

  /**
   * Catches a proxy that takes a cluster's first interim response for the answer: the caller gets a
   * bare {@code 100 Continue} and then waits for ever.
   */
  @Test
  void interimResponsesNobodyAskedForAreSkipped() throws Exception {
    FaultUpstream hostile = faultyCluster();

    LenientResponse outcome = send("faulty", "/api/v1/pods?" + Fault.INTERIM_THEN_OK.query(), "");

    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.status()).isEqualTo(200);
    assertThat(outcome.bodyText()).isEqualTo("ok");
    assertThat(outcome.elapsed()).isLessThan(ANSWER_LIMIT);
    assertThat(hostile.accepted()).isEqualTo(1);
  }

  /**
   * Catches a proxy that passes {@code Expect: 100-continue} on and holds the body until the
   * cluster sends 100: a cluster that never does leaves the caller waiting.
   */
  @Test
  void anExpectationIsAnsweredByTheProxyAndTheBodyForwardedAtOnce() throws Exception {
    faultyCluster();

    try (Socket client = new Socket("127.0.0.1", proxy.endpoint().getPort())) {
      client.setSoTimeout((int) ANSWER_LIMIT.toMillis());
      client.getOutputStream().write(post(Fault.ECHO_BODY, "Expect: 100-continue\r\n", ""));
      assertThat(readLine(client.getInputStream())).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(readLine(client.getInputStream())).isEmpty();
      LenientResponse outcome =
          LenientExchange.exchange(
              client, "hello".getBytes(StandardCharsets.ISO_8859_1), false, ANSWER_LIMIT);

      assertThat(outcome.status()).isEqualTo(200);
      assertThat(outcome.bodyText()).isEqualTo("expect=none;body=hello");
    }
  }

  /**
   * Catches a proxy that holds the cluster connection of an expectation for ever once its caller
   * has gone: it waited for the cluster's 100 and never read the caller's connection again.
   */
  @Test
  void anExpectationToAHungClusterIsReleasedOnceItsClientHasGone() throws Exception {
    FaultUpstream hung = closeLater(new FaultUpstream());
    startProxy(
        kubernetes(configLocator(serviceAccount("faulty", hung.url(), "t"))),
        "connectionIdleTimeoutMs: 500");

    try (Socket client = new Socket("127.0.0.1", proxy.endpoint().getPort())) {
      client.getOutputStream().write(post(Fault.HANG, "Expect: 100-continue\r\n", "hello"));
      awaitAccepted(hung);
    }

    assertThat(hung.awaitNoneOpen(RELEASE_LIMIT)).isZero();
    assertThat(hung.closedByProxy()).isEqualTo(1);
  }

  /**
   * Catches a proxy whose refusal of a request beyond a cluster's connections and queue carries its
   * HTTP library's internals (pool state, object names) or blames the cluster.
   */
  @Test
  void aClusterWithEveryConnectionTakenAnswers503WithoutInternals() throws Exception {
    FaultUpstream hung = closeLater(new FaultUpstream());
    startProxy(
        kubernetes(configLocator(serviceAccount("busy", hung.url(), "t"))),
        "maxConnectionsPerCluster: 1",
        "maxQueuedRequestsPerCluster: 1");

    try (Socket holder = new Socket("127.0.0.1", proxy.endpoint().getPort());
        Socket queued = new Socket("127.0.0.1", proxy.endpoint().getPort())) {
      holder.getOutputStream().write(get("busy", "/api/v1/pods?" + Fault.HANG.query()));
      awaitAccepted(hung);
      queued.getOutputStream().write(get("busy", "/api/v1/pods?" + Fault.HANG.query()));
      Thread.sleep(200);

      LenientResponse refused = send("busy", "/api/v1/pods", "");

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).contains("1");
      assertThat(refused.bodyText())
          .startsWith(
              "{\"error\":{\"name\":\"ServiceUnavailableError\",\"message\":\"Cluster 'busy' has")
          .doesNotContain("HttpDestination", "pool", "queued", "EPROTO", "127.0.0.1");
    }
  }

  /**
   * Catches a split of a cluster's connections over several pools that loses the limits: beyond one
   * pool's 256 connections the next pool takes over, and the cluster's total and its queue still
   * hold, so the request past both is refused.
   */
  @Test
  void connectionsBeyondOnePoolStillKeepTheClusterLimits() throws Exception {
    FaultUpstream hung = closeLater(new FaultUpstream());
    startProxy(
        kubernetes(configLocator(serviceAccount("busy", hung.url(), "t"))),
        "maxConnectionsPerCluster: 300",
        "maxQueuedRequestsPerCluster: 20");
    List<Socket> holders = new ArrayList<>();
    try {
      // 300 take every connection, 20 fill the queues
      for (int i = 0; i < 320; i++) {
        Socket holder = closeLater(new Socket("127.0.0.1", proxy.endpoint().getPort()));
        holder.getOutputStream().write(get("busy", "/api/v1/pods?" + Fault.HANG.query()));
        holders.add(holder);
        long deadline = System.nanoTime() + RELEASE_LIMIT.toNanos();
        while (hung.open() < Math.min(i + 1, 300) && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
      }
      Thread.sleep(300);

      assertThat(hung.open()).isEqualTo(300);
      LenientResponse refused = send("busy", "/api/v1/pods", "");
      assertThat(refused.status()).isEqualTo(503);
    } finally {
      for (Socket holder : holders) {
        holder.close();
      }
    }
  }

  /**
   * Catches a proxy that lets a caller take as long as it likes over a request head, as long as a
   * byte arrives now and then (slowloris): the head is cut at the deadline, not at the idle
   * timeout, which each line restarts.
   */
  @Test
  void aRequestHeadSentTooSlowlyIsCutAtTheDeadline() throws Exception {
    Upstream cluster = upstream();
    startProxy(
        kubernetes(configLocator(serviceAccount("alpha", cluster.url(), "t"))),
        "requestHeadTimeoutMs: 1000",
        "connectionIdleTimeoutMs: 20000");

    try (Socket slow = new Socket("127.0.0.1", proxy.endpoint().getPort())) {
      long started = System.nanoTime();
      String line = "GET " + mount() + "/api/v1/pods HTTP/1.1\r\nHost: proxy\r\n";
      boolean closed = false;
      for (int n = 0; n < 40 && !closed; n++) {
        try {
          slow.getOutputStream().write(line.getBytes(StandardCharsets.ISO_8859_1));
          line = "X-Slow-" + n + ": 1\r\n";
          Thread.sleep(200);
          closed = isClosed(slow);
        } catch (IOException e) {
          closed = true;
        }
      }
      Duration open = Duration.ofNanos(System.nanoTime() - started);

      assertThat(closed).isTrue();
      assertThat(open).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
    }
    assertThat(send("alpha", "/api/v1/pods", "").status()).isEqualTo(200);
  }

  private FaultUpstream faultyCluster() throws Exception {
    FaultUpstream upstream = closeLater(new FaultUpstream());
    startProxy(kubernetes(configLocator(serviceAccount("faulty", upstream.url(), "t"))));
    return upstream;
  }

  private static boolean isClosed(Socket socket) throws IOException {
    socket.setSoTimeout(1);
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private byte[] get(String cluster, String pathAfterMount) {
    return ("GET "
            + mount()
            + pathAfterMount
            + " HTTP/1.1\r\nHost: proxy\r\nBackstage-Kubernetes-Cluster: "
            + cluster
            + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] post(Fault fault, String extraHeaders, String body) {
    return ("POST "
            + mount()
            + "/api/v1/namespaces/default/configmaps?"
            + fault.query()
            + " HTTP/1.1\r\nHost: proxy\r\nBackstage-Kubernetes-Cluster: faulty\r\n"
            + extraHeaders
            + "Content-Length: 5\r\n\r\n"
            + body)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private LenientResponse send(String cluster, String pathAfterMount, String extraHeaders)
      throws Exception {
    return LenientExchange.exchange(
        proxy.endpoint().getPort(),
        ("GET "
                + mount()
                + pathAfterMount
                + " HTTP/1.1\r\nHost: proxy\r\nBackstage-Kubernetes-Cluster: "
                + cluster
                + "\r\n"
                + extraHeaders
                + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1),
        false,
        ANSWER_LIMIT.multipliedBy(2));
  }
}
