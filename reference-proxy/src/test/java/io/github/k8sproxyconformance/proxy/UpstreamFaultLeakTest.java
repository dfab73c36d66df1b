package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.FaultUpstream;
import io.github.k8sproxyconformance.proxy.support.FaultUpstream.Fault;
import io.github.k8sproxyconformance.proxy.support.QuietLogs;
import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.http.LenientExchange;
import io.github.k8sproxyconformance.testkit.http.LenientResponse;
import io.github.k8sproxyconformance.testkit.tls.TestCertificateAuthority;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A thousand upstream faults of every kind in {@link UpstreamFaultsTest}, sixteen at a time, leave
 * the proxy as they found it: every fault gets its defined outcome, no cluster connection stays
 * open, and the JVM's threads and file descriptors return to where they were after a warm-up.
 *
 * <p>Catches a proxy that leaks per failed exchange: a pooled connection never returned, a thread
 * parked on a dead exchange, a socket of a client that went away. One leaked socket per hung fault
 * would be about 140 descriptors; the bounds allow a few pool threads and sockets of slack.
 */
class UpstreamFaultLeakTest extends ProxyTestBase {
  private static final int FAULTS = 1_000;
  private static final int WARM_UP = 140;
  private static final int CONCURRENCY = 16;
  private static final int THREAD_SLACK = 16;
  private static final int DESCRIPTOR_SLACK = 32;
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);

  private enum Kind {
    REFUSED,
    RESET_MID_RESPONSE,
    RESET_MID_STREAM,
    SLOW_HEADERS,
    HTTPS_TO_PLAIN,
    PLAIN_TO_TLS,
    HUNG_ABANDONED
  }

  private final AtomicInteger hungSent = new AtomicInteger();
  private FaultUpstream faults;

  @Test
  void aThousandFaultsLeakNoConnectionThreadOrFileDescriptor() throws Exception {
    faults = closeLater(new FaultUpstream());
    Upstream plain = upstream();
    Upstream tls =
        closeLater(Upstream.https(TestCertificateAuthority.selfSignedServer("127.0.0.1")));
    startProxy(
        kubernetes(
            configLocator(
                serviceAccount("refused", "http://127.0.0.1:" + closedPort(), "t"),
                serviceAccount("faulty", faults.url(), "t"),
                serviceAccount("https-to-plain", "https://127.0.0.1:" + plain.port(), "t"),
                serviceAccount("plain-to-tls", "http://127.0.0.1:" + tls.port(), "t"))),
        "connectionIdleTimeoutMs: 400");
    ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
    Map<Kind, Integer> defined;
    Snapshot before;
    Snapshot after;
    try (QuietLogs quiet = QuietLogs.of(ClusterProxyHandler.class)) {
      run(clients, WARM_UP);
      assertThat(faults.awaitNoneOpen(SETTLE_LIMIT)).isZero();
      before = Snapshot.settled(null);
      long started = System.nanoTime();
      defined = run(clients, FAULTS);
      System.out.printf(
          "%d faults in %d ms; outcomes as defined: %s%n",
          FAULTS, (System.nanoTime() - started) / 1_000_000, defined);
      assertThat(faults.awaitNoneOpen(SETTLE_LIMIT)).isZero();
      after = Snapshot.settled(before);
    } finally {
      clients.shutdownNow();
    }

    System.out.printf(
        "after %d faults: JVM threads %d -> %d, proxy threads %d -> %d, open file descriptors"
            + " %d -> %d, open cluster connections %d, hung connections released %d of %d%n",
        FAULTS,
        before.threads,
        after.threads,
        before.proxyThreads,
        after.proxyThreads,
        before.descriptors,
        after.descriptors,
        faults.open(),
        faults.closedByProxy(),
        hungSent.get());
    int perKind = FAULTS / Kind.values().length;
    defined.forEach((kind, count) -> assertThat(count).as(kind.name()).isGreaterThan(perKind - 1));
    assertThat(defined.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(FAULTS);
    assertThat(faults.open()).isZero();
    assertThat(faults.closedByProxy()).isEqualTo(hungSent.get());
    assertThat(after.threads).isLessThanOrEqualTo(before.threads + THREAD_SLACK);
    if (before.descriptors >= 0) {
      assertThat(after.descriptors).isLessThanOrEqualTo(before.descriptors + DESCRIPTOR_SLACK);
    }
  }

  /** Runs {@code count} faults, kinds in turn; returns how many of each met their outcome. */
  private Map<Kind, Integer> run(ExecutorService clients, int count) throws Exception {
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Kind kind = Kind.values()[i % Kind.values().length];
      results.add(clients.submit(() -> unexpected(kind)));
    }
    Map<Kind, Integer> defined = new EnumMap<>(Kind.class);
    for (int i = 0; i < count; i++) {
      Kind kind = Kind.values()[i % Kind.values().length];
      String unexpected = results.get(i).get(60, TimeUnit.SECONDS);
      if (unexpected.isEmpty()) {
        defined.merge(kind, 1, Integer::sum);
      } else {
        System.out.printf("%s: unexpected outcome %s%n", kind, unexpected);
      }
    }
    return defined;
  }

  /**
   * Provokes one fault; empty when the client saw the outcome {@link UpstreamFaultsTest} defines,
   * else what it saw.
   */
  private String unexpected(Kind kind) throws Exception {
    LenientResponse outcome =
        switch (kind) {
          case REFUSED -> send("refused", "");
          case RESET_MID_RESPONSE -> send("faulty", Fault.RESET_MID_RESPONSE.query());
          case RESET_MID_STREAM -> send("faulty", Fault.RESET_MID_STREAM.query());
          case SLOW_HEADERS -> send("faulty", Fault.SLOW_HEADERS.query());
          case HTTPS_TO_PLAIN -> send("https-to-plain", "");
          case PLAIN_TO_TLS -> send("plain-to-tls", "");
          case HUNG_ABANDONED -> null;
        };
    boolean defined =
        switch (kind) {
          case REFUSED -> isRequestError(outcome, "ECONNREFUSED");
          // under load the reset may overtake the head, which the proxy then never reads
          case RESET_MID_RESPONSE, RESET_MID_STREAM ->
              isBroken(outcome) || isRequestError(outcome, "ECONNRESET");
          case SLOW_HEADERS -> outcome.status() == 200 && outcome.complete();
          case HTTPS_TO_PLAIN -> isRequestError(outcome, "EPROTO", "ECONNRESET");
          case PLAIN_TO_TLS -> isRequestError(outcome, "EPROTO");
          case HUNG_ABANDONED -> abandonHungExchange();
        };
    return defined ? "" : outcome + " " + outcome.bodyText();
  }

  private boolean abandonHungExchange() throws Exception {
    try (Socket client = new Socket("127.0.0.1", proxy.endpoint().getPort())) {
      client.getOutputStream().write(request("faulty", Fault.HANG.query()));
      hungSent.incrementAndGet();
      Thread.sleep(100);
    }
    return true;
  }

  private static boolean isRequestError(LenientResponse outcome, String... codes) {
    return outcome.status() == 500
        && outcome.complete()
        && Arrays.stream(codes)
            .anyMatch(code -> outcome.bodyText().contains("\"code\":\"" + code + "\""));
  }

  private static boolean isBroken(LenientResponse outcome) {
    return outcome.status() == 200 && !outcome.complete() && !outcome.timedOut();
  }

  private LenientResponse send(String cluster, String query) throws Exception {
    return LenientExchange.exchange(
        proxy.endpoint().getPort(), request(cluster, query), false, Duration.ofSeconds(10));
  }

  private byte[] request(String cluster, String query) {
    return ("GET "
            + mount()
            + "/api/v1/pods?"
            + query
            + " HTTP/1.1\r\nHost: proxy\r\nBackstage-Kubernetes-Cluster: "
            + cluster
            + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Threads and descriptors of this JVM, which runs the proxy; the fault cluster's are left out.
   */
  private record Snapshot(int threads, int proxyThreads, long descriptors) {
    static Snapshot now() {
      int threads = 0;
      int proxyThreads = 0;
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (!thread.getName().startsWith(FaultUpstream.THREAD_NAME)) {
          threads++;
        }
        if (thread.getName().startsWith("reference-proxy")) {
          proxyThreads++;
        }
      }
      long descriptors =
          ManagementFactory.getOperatingSystemMXBean()
                  instanceof com.sun.management.UnixOperatingSystemMXBean unix
              ? unix.getOpenFileDescriptorCount()
              : -1;
      return new Snapshot(threads, proxyThreads, descriptors);
    }

    /** Waits, bounded, for closing sockets and finishing threads to settle within the slack. */
    static Snapshot settled(Snapshot baseline) throws InterruptedException {
      long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
      Thread.sleep(500);
      Snapshot now = now();
      while (baseline != null && !now.within(baseline) && System.nanoTime() < deadline) {
        Thread.sleep(200);
        now = now();
      }
      return now;
    }

    boolean within(Snapshot baseline) {
      return threads <= baseline.threads + THREAD_SLACK
          && descriptors <= baseline.descriptors + DESCRIPTOR_SLACK;
    }
  }
}
