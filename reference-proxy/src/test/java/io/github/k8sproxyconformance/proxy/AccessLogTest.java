package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.Upstream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access log: one NCSA combined line per exchange, written off the request path, never with a
 * credential from a header, the query or the configuration.
 */
class AccessLogTest extends ProxyTestBase {
  /** NCSA combined, as Apache and nginx write it; the path carries no query. */
  private static final Pattern COMBINED =
      Pattern.compile(
          "127\\.0\\.0\\.1 - - \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}]"
              + " \"GET /api/kubernetes/proxy/[^ ?\"]* HTTP/1\\.1\" \\d{3} \\d+"
              + " \"[^\"]*\" \"[^\"]*\"");

  private static final List<String> TOKENS =
      List.of(
          "tok-authorization",
          "tok-cookie",
          "tok-bka-generic",
          "tok-bka-provider",
          "tok-bka-oidc",
          "tok-proxy-auth",
          "tok-query",
          "tok-service-account");

  private Upstream upstream;

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = upstream();
  }

  private String clusters() throws Exception {
    return kubernetes(
        configLocator(
            serviceAccount("alpha", upstream.url(), "tok-service-account"),
            cluster("beta", upstream.url(), "oidc", "oidcTokenProvider: okta"),
            serviceAccount("down", "http://127.0.0.1:" + closedPort(), "tok-service-account")));
  }

  /** Sends a request to {@code cluster} with a token in every header that can carry one. */
  private void sendWithEveryToken(String cluster) throws Exception {
    raw(
        "GET " + mount() + "/api/v1/namespaces?watch=1&token=tok-query HTTP/1.1",
        "Backstage-Kubernetes-Cluster: " + cluster,
        "Authorization: Bearer tok-authorization",
        "Cookie: session=tok-cookie",
        "Backstage-Kubernetes-Authorization: Bearer tok-bka-generic",
        "Backstage-Kubernetes-Authorization-serviceAccount: Bearer tok-bka-provider",
        "Backstage-Kubernetes-Authorization-oidc-okta: Bearer tok-bka-oidc",
        "Proxy-Authorization: Basic tok-proxy-auth",
        "Referer: http://portal.example/catalog",
        "User-Agent: kubectl/v1.32.4");
  }

  @Test
  void aFileGetsOneCombinedLinePerExchangeWithoutAnyToken() throws Exception {
    Path file = dir.resolve("access.log");
    startProxy(clusters(), "accessLog:", "  path: " + file);

    for (String cluster : List.of("alpha", "beta", "down", "unknown")) {
      sendWithEveryToken(cluster);
    }

    List<String> lines = awaitLines(() -> Files.exists(file) ? Files.readString(file) : "", 4);
    assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).matches(COMBINED));
    assertThat(lines.get(0))
        .contains("\"GET /api/kubernetes/proxy/api/v1/namespaces HTTP/1.1\" 200 ")
        .endsWith("\"http://portal.example/catalog\" \"kubectl/v1.32.4\"");
    assertThat(String.join("\n", lines)).doesNotContain(TOKENS).doesNotContain("watch=1");
  }

  @Test
  void stderrGetsTheLinesAndOffWritesNone() throws Exception {
    String written = stderrWhile("stderr");
    assertThat(awaitLines(() -> written, 1)).hasSize(1);

    assertThat(lines(stderrWhile("off"))).isEmpty();
  }

  /** What the proxy writes to standard error while started with {@code path} and sent a request. */
  private String stderrWhile(String path) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ReferenceProxyServer started = startProxy(clusters(), "accessLog:", "  path: " + path);
      sendWithEveryToken("alpha");
      awaitLines(() -> captured.toString(StandardCharsets.UTF_8), 1);
      started.close();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** The access lines among {@code text}, which may hold application log lines too. */
  private static List<String> lines(String text) {
    return text.lines().filter(line -> COMBINED.matcher(line).matches()).toList();
  }

  /** Waits up to 5 s for {@code count} access lines: the writer thread writes them a bit later. */
  private static List<String> awaitLines(Callable<String> text, int count) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    List<String> lines = lines(text.call());
    while (lines.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
      lines = lines(text.call());
    }
    return lines;
  }
}
