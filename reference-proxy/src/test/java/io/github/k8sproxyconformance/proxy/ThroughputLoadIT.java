package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.LoadFigures;
import io.github.k8sproxyconformance.proxy.support.LoadRig;
import io.github.k8sproxyconformance.proxy.support.ProxyProcess;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 requests through the proxy jar at concurrency 64, each on a kept-alive connection, to a
 * cluster on loopback that answers a small pod list: no request may fail. Prints throughput,
 * latency percentiles and the proxy's peak threads and memory. Runs only with {@code -Pload}.
 */
class ThroughputLoadIT {
  private static final int REQUESTS = Integer.getInteger("load.requests", 100_000);
  private static final int WARM_UP = 5_000;
  private static final int CONCURRENCY = 64;
  private static final byte[] POD_LIST =
      ("{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"42\"},"
              + "\"items\":[{\"metadata\":{\"name\":\"web-0\",\"namespace\":\"default\"}}]}")
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private LoadRig rig;
  private ProxyProcess proxy;

  @AfterEach
  void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void hundredThousandRequestsAtConcurrency64WithoutAnError() throws Exception {
    AtomicLong served = new AtomicLong();
    rig = LoadRig.start(dir, podList(served), 0, Path.of("target/load/throughput.log"));
    proxy = rig.proxy();

    run(WARM_UP, new long[WARM_UP]);
    long[] latencies = new long[REQUESTS];
    int errors;
    long millis;
    try (LoadFigures figures = new LoadFigures(proxy)) {
      long started = System.nanoTime();
      errors = run(REQUESTS, latencies);
      millis = (System.nanoTime() - started) / 1_000_000;
      LoadFigures.report(
          String.format(
              "throughput: %d requests at concurrency %d in %.1f s = %.0f requests/s, %d errors,"
                  + " cluster served %d; latency %s; %s",
              REQUESTS,
              CONCURRENCY,
              millis / 1000.0,
              REQUESTS * 1000.0 / millis,
              errors,
              served.get() - WARM_UP,
              LoadFigures.percentiles(latencies),
              figures.proxyFigures()));
    }
    assertThat(errors).isZero();
    assertThat(served.get()).isEqualTo(WARM_UP + REQUESTS);
  }

  /** Sends {@code count} requests from 64 clients; returns how many failed. */
  private int run(int count, long[] latencies) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CONCURRENCY; c++) {
        done.add(clients.submit(() -> client(count, next, errors, latencies)));
      }
      for (Future<?> client : done) {
        client.get(10, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
    }
    return errors.get();
  }

  private Void client(int count, AtomicInteger next, AtomicInteger errors, long[] latencies)
      throws IOException {
    byte[] request =
        ("GET /api/kubernetes/proxy/api/v1/namespaces/default/pods?limit=1 HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nBackstage-Kubernetes-Cluster: alpha\r\n"
                + "Accept: application/json\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    Socket socket = null;
    InputStream in = null;
    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
      long started = System.nanoTime();
      try {
        if (socket == null) {
          socket = new Socket("127.0.0.1", proxy.port());
          socket.setSoTimeout(30_000);
          socket.setTcpNoDelay(true);
          in = new BufferedInputStream(socket.getInputStream());
        }
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        if (!readsPodList(in)) {
          errors.incrementAndGet();
          socket.close();
          socket = null;
        }
      } catch (IOException e) {
        errors.incrementAndGet();
        socket = null;
      }
      latencies[i] = System.nanoTime() - started;
    }
    if (socket != null) {
      socket.close();
    }
    return null;
  }

  /** Reads one response: 200 with exactly the pod list. */
  private static boolean readsPodList(InputStream in) throws IOException {
    String status = LoadRig.line(in);
    int length = -1;
    for (String header = LoadRig.line(in);
        header != null && !header.isEmpty();
        header = LoadRig.line(in)) {
      if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(header.substring(15).trim());
      }
    }
    if (status == null || !status.startsWith("HTTP/1.1 200 ") || length != POD_LIST.length) {
      return false;
    }
    return Arrays.equals(in.readNBytes(length), POD_LIST);
  }

  /** A cluster that answers every request with the pod list, counting what it served. */
  private static Handler podList(AtomicLong served) {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        served.incrementAndGet();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, POD_LIST.length);
        response.write(true, ByteBuffer.wrap(POD_LIST), callback);
        return true;
      }
    };
  }
}
