package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.HostileRequests;
import io.github.k8sproxyconformance.proxy.support.HostileRequests.Case;
import io.github.k8sproxyconformance.proxy.support.QuietLogs;
import io.github.k8sproxyconformance.proxy.support.RawUpstream;
import io.github.k8sproxyconformance.proxy.support.RecordingUpstream;
import io.github.k8sproxyconformance.testkit.http.LenientExchange;
import io.github.k8sproxyconformance.testkit.http.LenientResponse;
import io.github.k8sproxyconformance.testkit.http.RequestHead;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.util.HostPort;
import org.junit.jupiter.api.Test;

/**
 * Sends at least 10,000 generated hostile requests ({@link HostileRequests}) to the reference proxy
 * on loopback and checks what must hold for any input.
 *
 * <ul>
 *   <li>Every answer (or closed connection) comes within 5 s: catches a proxy that hangs on some
 *       input, as Backstage does on a {@code Trailer:} header without a body.
 *   <li>No 5xx but the documented 500 request-error envelope of the cluster that is down: catches a
 *       proxy that fails on input it should refuse with a 4xx.
 *   <li>Nothing reaches the canary, a listener whose address every absolute-form target, CONNECT,
 *       Host and cluster header value names: catches a proxy that can be made to connect anywhere
 *       (SSRF, forward-proxy behaviour).
 *   <li>Every request a cluster receives stays inside that cluster's URL path, even for a server
 *       that resolves {@code %2e}, {@code ;} parameters or backslashes as WHATWG URLs do, and none
 *       carries the smuggling marker: catches path escapes to a sibling cluster and request
 *       smuggling.
 *   <li>No answer contains a cluster token, and the proxy is healthy and proxies normally
 *       afterwards.
 * </ul>
 *
 * <p>The run is reproducible: the seed is printed, and {@code -Dfuzz.seed=<n>} replays it ({@code
 * -Dfuzz.requests=<n>} changes the count).
 */
class HostileInputFuzzTest extends ProxyTestBase {
  private static final long SEED = Long.getLong("fuzz.seed", 20_261_201L);
  private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
  private static final int CONCURRENCY = 4;
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(5);
  private static final String TOKEN = "sa-token-";
  private static final String DOWN_ENVELOPE =
      "{\"error\":{\"name\":\"Error\",\"message\":\"Cluster 'down' request error; caused by Error:"
          + " connect ECONNREFUSED ";

  /** Clusters by their token: the URL path each must stay inside. */
  private static final Map<String, String> PREFIX_BY_TOKEN =
      Map.of(
          "Bearer " + TOKEN + "alpha", "/clusters/alpha",
          "Bearer " + TOKEN + "c1", "/k8s/clusters/c-1",
          "Bearer " + TOKEN + "c2", "/k8s/clusters/c-2");

  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
  private final Map<String, Integer> statuses = new TreeMap<>();
  private final AtomicLong maxNanos = new AtomicLong();

  @Test
  void tenThousandHostileRequestsLeaveTheProxyServingAndReachNoOtherHost() throws Exception {
    RecordingUpstream alpha = closeLater(new RecordingUpstream());
    RecordingUpstream rancher = closeLater(new RecordingUpstream());
    RawUpstream canary = closeLater(RawUpstream.hangingUp());
    startProxy(
        kubernetes(
            configLocator(
                serviceAccount("alpha", url(alpha, "/clusters/alpha"), TOKEN + "alpha"),
                serviceAccount("prefixed", url(rancher, "/k8s/clusters/c-1"), TOKEN + "c1"),
                serviceAccount("sibling", url(rancher, "/k8s/clusters/c-2"), TOKEN + "c2"),
                serviceAccount("down", "http://127.0.0.1:" + closedPort(), TOKEN + "down"))));
    System.out.printf("fuzz: seed %d (-Dfuzz.seed), %d requests%n", SEED, REQUESTS);
    HostileRequests generator =
        new HostileRequests(new Random(SEED), mount(), canary.url().getPort());
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      cases.add(generator.next());
    }

    long started = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
    try (QuietLogs quiet =
        QuietLogs.of(ClusterProxyHandler.class, HttpParser.class, HostPort.class)) {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < cases.size(); i++) {
        int index = i;
        sent.add(clients.submit(() -> check(index, cases.get(index))));
      }
      for (Future<?> result : sent) {
        result.get(60, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    long wallMillis = (System.nanoTime() - started) / 1_000_000;

    checkClusters("alpha", alpha.received());
    checkClusters("rancher", rancher.received());
    System.out.printf(
        "fuzz: %d requests in %d ms, statuses %s, max latency %d ms, canary connections %d,"
            + " requests reaching clusters: alpha %d, rancher %d%n",
        REQUESTS,
        wallMillis,
        statuses,
        maxNanos.get() / 1_000_000,
        canary.accepted(),
        alpha.received().size(),
        rancher.received().size());
    problems.stream().limit(20).forEach(p -> System.out.println("fuzz: " + p));
    assertThat(problems).as("seed " + SEED).isEmpty();
    assertThat(canary.accepted()).as("connections to the canary").isZero();
    assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);

    assertThat(healthz().statusCode()).isEqualTo(200);
    int before = alpha.received().size();
    assertThat(get("/api/v1/namespaces", "Backstage-Kubernetes-Cluster", "alpha").statusCode())
        .isEqualTo(200);
    assertThat(alpha.received()).hasSize(before + 1);
    assertThat(alpha.received().get(before).target())
        .isEqualTo("/clusters/alpha/api/v1/namespaces");
  }

  private void check(int index, Case fuzz) {
    LenientResponse outcome;
    try {
      outcome =
          LenientExchange.exchange(
              proxy.endpoint().getPort(),
              fuzz.bytes(),
              fuzz.halfClose(),
              ANSWER_LIMIT.multipliedBy(2));
    } catch (IOException e) {
      problems.add(describe(index, fuzz, "could not connect: " + e));
      count("error");
      return;
    }
    maxNanos.accumulateAndGet(outcome.elapsed().toNanos(), Math::max);
    count(outcome.status() < 0 ? "closed" : String.valueOf(outcome.status()));
    if (outcome.timedOut() || outcome.elapsed().compareTo(ANSWER_LIMIT) > 0) {
      problems.add(describe(index, fuzz, "answered after " + outcome.elapsed().toMillis() + " ms"));
    }
    if (outcome.status() >= 500 && !isDownEnvelope(fuzz, outcome)) {
      problems.add(describe(index, fuzz, outcome.status() + " " + outcome.bodyText()));
    }
    if (outcome.bodyText().contains(TOKEN)) {
      problems.add(describe(index, fuzz, "a token in the answer"));
    }
  }

  /** The documented envelope, for the cluster that is down; a HEAD answer has only its head. */
  private static boolean isDownEnvelope(Case fuzz, LenientResponse outcome) {
    String request = new String(fuzz.bytes(), StandardCharsets.ISO_8859_1);
    if (outcome.status() != 500) {
      return false;
    }
    if (request.startsWith("HEAD ")) {
      return request.contains("\r\nBackstage-Kubernetes-Cluster: down\r\n")
          && outcome.header("Content-Type").orElse("").startsWith("application/json");
    }
    return outcome.bodyText().startsWith(DOWN_ENVELOPE);
  }

  private synchronized void count(String status) {
    statuses.merge(status, 1, Integer::sum);
  }

  /** Every request a cluster received stays inside the path of the cluster its token names. */
  private void checkClusters(String upstream, List<RequestHead> received) {
    for (RequestHead request : received) {
      String prefix = PREFIX_BY_TOKEN.get(request.header("Authorization").orElse(""));
      boolean inside =
          prefix != null
              ? stays(prefix, request.target())
              : PREFIX_BY_TOKEN.values().stream().anyMatch(p -> stays(p, request.target()));
      // a marked request the proxy parsed itself (pipelined) carries its token; one without was
      // hidden in a body the proxy forwarded, and the cluster read it as a request of its own
      boolean smuggled = prefix == null && request.target().contains(HostileRequests.SMUGGLED);
      if (!inside || smuggled) {
        problems.add(upstream + " received " + request.method() + " " + request.target());
      }
    }
  }

  /**
   * Whether {@code target} stays inside {@code prefix} on a server that decodes {@code %2e}, {@code
   * %2f} and {@code %5c}, takes a backslash for a slash, drops {@code ;} parameters and then
   * resolves dot segments.
   */
  static boolean stays(String prefix, String target) {
    String path = target.split("[?#]", 2)[0];
    if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
      return false;
    }
    String rest =
        path.substring(prefix.length())
            .replaceAll("(?i)%2e", ".")
            .replaceAll("(?i)%2f|%5c", "/")
            .replace('\\', '/')
            .toLowerCase(Locale.ROOT);
    int depth = 0;
    for (String segment : rest.split("/")) {
      String name = segment.split(";", 2)[0];
      if (name.equals("..")) {
        depth--;
        if (depth < 0) {
          return false;
        }
      } else if (!name.isEmpty() && !name.equals(".")) {
        depth++;
      }
    }
    return true;
  }

  private static String describe(int index, Case fuzz, String problem) {
    String request = new String(fuzz.bytes(), StandardCharsets.ISO_8859_1);
    return "#" + index + " " + fuzz.family() + ": " + shorten(problem) + " for " + shorten(request);
  }

  private static String shorten(String text) {
    return escape(text.length() > 240 ? text.substring(0, 240) + "..." : text);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return out.toString();
  }

  private static String url(RecordingUpstream upstream, String path) {
    return "http://127.0.0.1:" + upstream.port() + path;
  }

  private HttpResponse<String> healthz() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + proxy.endpoint().getPort() + "/healthz"))
                .timeout(TIMEOUT)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
