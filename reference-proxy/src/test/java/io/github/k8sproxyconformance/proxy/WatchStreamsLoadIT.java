package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.LoadFigures;
import io.github.k8sproxyconformance.proxy.support.LoadRig;
import io.github.k8sproxyconformance.proxy.support.ProxyProcess;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 watch streams through the proxy jar at once, held for 60 s: the cluster sends each stream
 * an event every second, and every client must receive every event of its own stream, in order,
 * then the end of the stream. Prints events delivered, delivery delay percentiles and the proxy's
 * peak threads and memory. Runs only with {@code -Pload}.
 */
class WatchStreamsLoadIT {
  private static final int STREAMS = Integer.getInteger("load.streams", 1_000);
  private static final Duration HOLD = Duration.ofSeconds(Long.getLong("load.holdSeconds", 60));
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final int EVENTS = (int) (HOLD.toMillis() / INTERVAL.toMillis());

  @TempDir Path dir;
  private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(4);
  private LoadRig rig;
  private ProxyProcess proxy;

  @AfterEach
  void stop() throws Exception {
    try {
      if (rig != null) {
        rig.close();
      }
    } finally {
      ticks.shutdownNow();
    }
  }

  @Test
  void thousandWatchStreamsHeldForAMinuteDeliverEveryEvent() throws Exception {
    rig = LoadRig.start(dir, watches(), STREAMS, Path.of("target/load/watch.log"));
    proxy = rig.proxy();

    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    long[][] delays = new long[STREAMS][EVENTS];
    AtomicLong delivered = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(STREAMS);
    List<Thread> clients = new ArrayList<>();
    try (LoadFigures figures = new LoadFigures(proxy)) {
      long started = System.nanoTime();
      for (int s = 0; s < STREAMS; s++) {
        int stream = s;
        Thread client =
            new Thread(
                () -> {
                  try {
                    watch(stream, delays[stream], delivered);
                  } catch (Exception | AssertionError e) {
                    failures.add("stream " + stream + ": " + e);
                  } finally {
                    finished.countDown();
                  }
                },
                "watch-" + s);
        client.setDaemon(true);
        client.start();
        clients.add(client);
      }
      assertThat(finished.await(HOLD.toSeconds() + 120, TimeUnit.SECONDS)).isTrue();
      long millis = (System.nanoTime() - started) / 1_000_000;
      long[] all = new long[STREAMS * EVENTS];
      for (int s = 0; s < STREAMS; s++) {
        System.arraycopy(delays[s], 0, all, s * EVENTS, EVENTS);
      }
      LoadFigures.report(
          String.format(
              "watch: %d streams x %d events (1 per %d s) in %.1f s: %d of %d events delivered,"
                  + " %d streams failed; delivery delay %s; %s",
              STREAMS,
              EVENTS,
              INTERVAL.toSeconds(),
              millis / 1000.0,
              delivered.get(),
              (long) STREAMS * EVENTS,
              failures.size(),
              LoadFigures.percentiles(all),
              figures.proxyFigures()));
    }
    failures.stream().limit(10).forEach(System.out::println);
    assertThat(failures).isEmpty();
    assertThat(delivered.get()).isEqualTo((long) STREAMS * EVENTS);
  }

  /** Reads one watch to its end, checking each event is the next of this stream. */
  private void watch(int stream, long[] delays, AtomicLong delivered) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout((int) INTERVAL.multipliedBy(30).toMillis());
      socket
          .getOutputStream()
          .write(
              ("GET /api/kubernetes/proxy/api/v1/namespaces/default/pods?watch=1&stream="
                      + stream
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\nBackstage-Kubernetes-Cluster: alpha\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = new BufferedInputStream(socket.getInputStream());
      assertThat(LoadRig.line(in)).startsWith("HTTP/1.1 200 ");
      boolean chunked = false;
      for (String header = LoadRig.line(in);
          header != null && !header.isEmpty();
          header = LoadRig.line(in)) {
        chunked |= header.equalsIgnoreCase("Transfer-Encoding: chunked");
      }
      assertThat(chunked).as("a kept-alive watch is chunked").isTrue();
      for (int n = 0; n < EVENTS; n++) {
        int size = Integer.parseInt(LoadRig.line(in).trim(), 16);
        String event = new String(in.readNBytes(size), StandardCharsets.UTF_8);
        long received = System.nanoTime();
        LoadRig.line(in);
        String expected = "{\"type\":\"MODIFIED\",\"object\":{\"stream\":" + stream + ",\"n\":" + n;
        assertThat(event).startsWith(expected);
        long sent = Long.parseLong(event.replaceAll(".*\"sent\":(\\d+).*\\s*", "$1"));
        delays[n] = received - sent;
        delivered.incrementAndGet();
      }
      assertThat(LoadRig.line(in)).isEqualTo("0");
    }
  }

  /** A cluster whose watches send one event per interval without holding a thread between. */
  private Handler watches() {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        int stream = Integer.parseInt(query.getValue("stream"));
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        sendEvent(response, callback, stream, 0, System.nanoTime());
        return true;
      }
    };
  }

  /**
   * Sends event {@code n} when it is due, then the next; the end comes an interval after the last.
   */
  private void sendEvent(Response response, Callback callback, int stream, int n, long start) {
    long due = start + INTERVAL.toNanos() * n;
    ticks.schedule(
        () -> {
          if (n == EVENTS) {
            response.write(true, null, callback);
            return;
          }
          String event =
              "{\"type\":\"MODIFIED\",\"object\":{\"stream\":"
                  + stream
                  + ",\"n\":"
                  + n
                  + ",\"sent\":"
                  + System.nanoTime()
                  + "}}\n";
          response.write(
              false,
              ByteBuffer.wrap(event.getBytes(StandardCharsets.UTF_8)),
              Callback.from(
                  () -> sendEvent(response, callback, stream, n + 1, start), callback::failed));
        },
        Math.max(0, due - System.nanoTime()),
        TimeUnit.NANOSECONDS);
  }
}
