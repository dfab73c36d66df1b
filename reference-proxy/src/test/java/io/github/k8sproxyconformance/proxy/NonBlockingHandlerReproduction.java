package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.HostileRequests;
import io.github.k8sproxyconformance.proxy.support.RecordingUpstream;
import io.github.k8sproxyconformance.testkit.http.LenientExchange;
import io.github.k8sproxyconformance.testkit.http.LenientResponse;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Why the proxy's HTTP/1 connection is a {@link OneFillerHttpConnection}: with Jetty's own, a
 * request of any kind, on any connection, is now and then read and never answered.
 *
 * <p>The traffic is the fuzz test's (valid requests, refusals, parse errors, pipelined pairs), one
 * connection per request, four at a time. A request whose bytes all arrived ({@code bytesIn} equal
 * to its length, nothing left in the socket) sits with its parser stopped mid-line and no request
 * started: its buffer was cleared or read by another connection. The buffer pool of the Jetty cases
 * counts every release of a buffer already released, and so names the culprit: two {@code
 * HttpConnection.onFillable} at once on one connection, after a request Jetty could not parse
 * (described in {@link OneFillerHttpConnection}). With Jetty 12.1.14 and a non-blocking handler, 5
 * of about 900,000 requests were lost; the pool saw such double releases with a blocking handler
 * too, at about the same rate, but no request was lost there in 300,000. With {@link
 * OneFillerHttpConnection}, none was, and the pool saw none.
 *
 * <p>Cases: Jetty's connection with a blocking and with a non-blocking handler, the proxy's
 * connection with a non-blocking handler, and the reference proxy itself in front of a cluster.
 * Each takes 20 to 60 s, so it runs only when asked: {@code -Dtest=NonBlockingHandlerReproduction
 * -Djetty.reproduction=true}, {@code -Djetty.reproduction.requests=N} (default 60,000), {@code
 * -Djetty.reproduction.setups=PROXY,...} to pick cases. When the Jetty cases pass run after run
 * with no double release after an upgrade, Jetty is fixed and {@link OneFillerHttpConnection} can
 * go.
 */
@EnabledIfSystemProperty(named = "jetty.reproduction", matches = "true")
class NonBlockingHandlerReproduction extends ProxyTestBase {
  private static final int REQUESTS = Integer.getInteger("jetty.reproduction.requests", 60_000);
  private static final List<String> SETUPS =
      Arrays.asList(System.getProperty("jetty.reproduction.setups", "").split(","));
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(10);

  /** What answers: a plain Jetty server with a trivial handler, or the reference proxy. */
  enum Setup {
    JETTY_BLOCKING,
    JETTY_NON_BLOCKING,
    ONE_FILLER_NON_BLOCKING,
    PROXY
  }

  private final ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();

  @ParameterizedTest
  @EnumSource(Setup.class)
  void everyConnectionIsAnswered(Setup setup) throws Exception {
    if (!SETUPS.equals(List.of("")) && !SETUPS.contains(setup.name())) {
      return;
    }
    CheckingBufferPool pool = new CheckingBufferPool();
    Supplier<List<EndPoint>> endPoints;
    int port;
    if (setup == Setup.PROXY) {
      RecordingUpstream cluster = closeLater(new RecordingUpstream());
      String url = "http://127.0.0.1:" + cluster.port();
      startProxy(
          kubernetes(
              configLocator(
                  serviceAccount("alpha", url + "/clusters/alpha", "t"),
                  serviceAccount("prefixed", url + "/k8s/clusters/c-1", "t"),
                  serviceAccount("sibling", url + "/k8s/clusters/c-2", "t"),
                  serviceAccount("down", "http://127.0.0.1:" + closedPort(), "t"))));
      port = proxy.endpoint().getPort();
      endPoints = List::of;
    } else {
      ServerConnector connector = startJetty(setup, pool);
      port = connector.getLocalPort();
      endPoints = () -> List.copyOf(connector.getConnectedEndPoints());
    }
    long started = System.nanoTime();
    HostileRequests generator =
        new HostileRequests(new Random(20_261_201L), "/api/kubernetes/proxy", 9);
    List<HostileRequests.Case> cases =
        IntStream.range(0, REQUESTS).mapToObj(i -> generator.next()).toList();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<Void>> sent =
          cases.stream().map(c -> clients.submit(() -> send(port, c, endPoints))).toList();
      for (Future<Void> each : sent) {
        each.get();
      }
    } finally {
      clients.shutdownNow();
    }
    System.out.printf(
        "%s: %d requests in %d ms, %d unanswered, %d buffers released twice%n",
        setup,
        REQUESTS,
        (System.nanoTime() - started) / 1_000_000,
        unanswered.size(),
        pool.misuses.size());
    unanswered.forEach(u -> System.out.println("  unanswered " + u));
    pool.misuses.stream().limit(2).forEach(Throwable::printStackTrace);
    assertThat(unanswered).as("%s: connections left without an answer", setup).isEmpty();
    assertThat(pool.misuses).as("%s: buffers released twice", setup).isEmpty();
  }

  private ServerConnector startJetty(Setup setup, CheckingBufferPool pool) throws Exception {
    Server server = new Server();
    closeLater(server::stop);
    HttpConfiguration http = new HttpConfiguration();
    http.setUriCompliance(UriCompliance.UNSAFE);
    HttpConnectionFactory connections =
        setup == Setup.ONE_FILLER_NON_BLOCKING
            ? new RequestHeadDeadline(http, Duration.ofSeconds(30))
            : new HttpConnectionFactory(http);
    ServerConnector connector = new ServerConnector(server, null, null, pool, -1, -1, connections);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(
        answeringAfterTheBody(
            setup == Setup.JETTY_BLOCKING
                ? Handler.Abstract.InvocationType.BLOCKING
                : Handler.Abstract.InvocationType.NON_BLOCKING));
    server.start();
    return connector;
  }

  /** Reads the body as the proxy does (chunk by chunk, demanding more), then answers 200. */
  private static Handler answeringAfterTheBody(Handler.Abstract.InvocationType type) {
    return new Handler.Abstract(type) {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        readThenAnswer(request, response, callback);
        return true;
      }
    };
  }

  private static void readThenAnswer(Request request, Response response, Callback callback) {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(() -> readThenAnswer(request, response, callback));
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        callback.failed(chunk.getFailure());
        return;
      }
      chunk.release();
      if (chunk.isLast()) {
        response.setStatus(200);
        response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8)), callback);
        return;
      }
    }
  }

  private Void send(int port, HostileRequests.Case fuzz, Supplier<List<EndPoint>> endPoints)
      throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      LenientResponse outcome =
          LenientExchange.exchange(socket, fuzz.bytes(), fuzz.halfClose(), ANSWER_LIMIT);
      if (outcome.timedOut() && outcome.status() < 0) {
        unanswered.add(describe(fuzz, socket.getLocalPort(), endPoints.get()));
      }
    }
    return null;
  }

  /** The request, and the state of its server connection while the client still waits. */
  private static String describe(HostileRequests.Case fuzz, int clientPort, List<EndPoint> all) {
    StringBuilder text =
        new StringBuilder(fuzz.family())
            .append(", ")
            .append(fuzz.bytes().length)
            .append(" bytes: ")
            .append(printable(fuzz.bytes()));
    for (EndPoint endPoint : all) {
      if (endPoint.getRemoteSocketAddress() instanceof InetSocketAddress remote
          && remote.getPort() == clientPort) {
        Connection connection = endPoint.getConnection();
        text.append("\n    ")
            .append(endPoint)
            .append("\n    bytes read ")
            .append(connection.getBytesIn())
            .append(", written ")
            .append(connection.getBytesOut());
      }
    }
    return text.toString();
  }

  private static String printable(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, 200); i++) {
      int c = bytes[i] & 0xff;
      text.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return text.toString();
  }
}
