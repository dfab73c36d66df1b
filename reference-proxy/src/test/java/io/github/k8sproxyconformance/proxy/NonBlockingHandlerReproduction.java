package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.HostileRequests;
import io.github.k8sproxyconformance.proxy.support.LenientHttp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
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
 * Why the proxy's server handler is declared blocking: on plain Jetty, with no code of the proxy, a
 * handler declared non-blocking now and then leaves a connection without any answer.
 *
 * <p>The handler answers 200 at once, without reading the body; the traffic is the fuzz test's
 * (valid requests, refusals, parse errors, pipelined pairs), one connection per request, four at a
 * time. With Jetty 12.1.14 the non-blocking case lost 1 to 3 of 60,000 requests per run (no byte of
 * an answer within 10 s; among them valid GETs with {@code Connection: close}), and the blocking
 * case none. It takes about 30 s per case, so it runs only when asked: {@code
 * -Dtest=NonBlockingHandlerReproduction -Djetty.reproduction=true}. When the non-blocking case
 * passes after a Jetty upgrade, {@code ProxyEndpointHandler} may return {@code NON_BLOCKING} from
 * {@code getInvocationType} and save the handoff of each request to a pool thread.
 */
@EnabledIfSystemProperty(named = "jetty.reproduction", matches = "true")
class NonBlockingHandlerReproduction {
  private static final int REQUESTS = Integer.getInteger("jetty.reproduction.requests", 60_000);
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(10);

  @ParameterizedTest
  @EnumSource(names = {"BLOCKING", "NON_BLOCKING"})
  void everyConnectionIsAnswered(Handler.Abstract.InvocationType type) throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setUriCompliance(UriCompliance.UNSAFE);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(answeringAfterTheBody(type));
    server.start();
    ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      HostileRequests generator =
          new HostileRequests(new Random(20_261_201L), "/api/kubernetes/proxy", 9);
      List<HostileRequests.Case> cases =
          IntStream.range(0, REQUESTS).mapToObj(i -> generator.next()).toList();
      List<Future<Void>> sent =
          cases.stream()
              .map(c -> clients.submit(() -> send(connector.getLocalPort(), c, unanswered)))
              .toList();
      for (Future<Void> each : sent) {
        each.get();
      }
    } finally {
      clients.shutdownNow();
      server.stop();
    }
    assertThat(unanswered).as("%s: connections left without an answer", type).isEmpty();
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

  private static Void send(int port, HostileRequests.Case fuzz, ConcurrentLinkedQueue<String> out)
      throws Exception {
    LenientHttp.Outcome outcome =
        LenientHttp.exchange(port, fuzz.bytes(), fuzz.halfClose(), ANSWER_LIMIT);
    if (outcome.timedOut()) {
      String request = new String(fuzz.bytes(), StandardCharsets.ISO_8859_1);
      out.add(request.substring(0, Math.min(120, request.length())));
    }
    return null;
  }
}
