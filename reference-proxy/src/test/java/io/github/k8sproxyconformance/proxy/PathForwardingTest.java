package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathForwardingTest extends ProxyTestBase {
  private static final String BKC = "Backstage-Kubernetes-Cluster";
  private Upstream alpha;
  private Upstream prefixed;
  private Upstream prefixedSlash;

  @BeforeEach
  void start() throws Exception {
    alpha = upstream();
    prefixed = upstream();
    prefixedSlash = upstream();
    startProxy(
        kubernetes(
            configLocator(
                serviceAccount("alpha", alpha.url(), "t"),
                serviceAccount("prefixed", prefixed.url() + "/k8s/clusters/c-1", "t"),
                serviceAccount(
                    "prefixed-slash", prefixedSlash.url() + "/k8s/clusters/c-2/", "t"))));
  }

  /**
   * Sends {@code GET <mount><target>} byte for byte to {@code cluster}; returns the upstream
   * target.
   */
  private String forwardedTarget(String cluster, String target, Upstream upstream)
      throws Exception {
    RawResponse response = raw("GET " + mount() + target + " HTTP/1.1", BKC + ": " + cluster);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    return upstream.onlyRequest().rawTarget();
  }

  @Test
  void theMountPrefixIsStripped() throws Exception {
    assertThat(forwardedTarget("alpha", "/api/v1/namespaces", alpha))
        .isEqualTo("/api/v1/namespaces");
  }

  @ParameterizedTest
  @CsvSource({
    "alpha, '', /",
    "alpha, /, /",
    "prefixed, '', /k8s/clusters/c-1",
    "prefixed, /, /k8s/clusters/c-1",
    "prefixed-slash, '', /k8s/clusters/c-2/"
  })
  void theBareMountReachesTheClusterPath(String cluster, String target, String expected)
      throws Exception {
    Upstream upstream =
        switch (cluster) {
          case "alpha" -> alpha;
          case "prefixed" -> prefixed;
          default -> prefixedSlash;
        };
    assertThat(forwardedTarget(cluster, target, upstream)).isEqualTo(expected);
  }

  @Test
  void theClusterPathIsJoinedWithoutADoubleSlash() throws Exception {
    assertThat(forwardedTarget("prefixed", "/api/v1/pods?x=1", prefixed))
        .isEqualTo("/k8s/clusters/c-1/api/v1/pods?x=1");
    assertThat(forwardedTarget("prefixed-slash", "/api/v1/ns", prefixedSlash))
        .isEqualTo("/k8s/clusters/c-2/api/v1/ns");
  }

  @Test
  void slashRunsAreCollapsedInThePathButNotInTheQuery() throws Exception {
    assertThat(
            forwardedTarget(
                "alpha", "//api//v1/namespaces/a%2Fb/pods?fieldSelector=a%3Db&x=a//b", alpha))
        .isEqualTo("/api/v1/namespaces/a%2Fb/pods?fieldSelector=a%3Db&x=a//b");
  }

  @Test
  void percentEncodingAndTheQueryAreKeptByteForByte() throws Exception {
    String target =
        "/api/v1/namespaces/caf%C3%A9/x%20y/%25z/%2e?p=%2Fx%20y&a=1&a=2&empty=&labelSelector=app%3Dweb";
    assertThat(forwardedTarget("alpha", target, alpha)).isEqualTo(target);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/../x", "/api/./v1/x", "/api/%2e%2e/v1", "/api/v1/..%2Fx"})
  void dotSegmentsThatStayInsideAreForwardedUnresolved(String target) throws Exception {
    assertThat(forwardedTarget("prefixed", target, prefixed))
        .isEqualTo("/k8s/clusters/c-1" + target);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../../admin",
        "/%2e%2e/%2e%2e/admin",
        "/%2E%2e/%2e%2E/admin",
        "/api/../../../admin",
        "/..%2F..%2Fadmin",
        "/.%2e/admin",
        "/..;x/admin",
        "/../c-1/api"
      })
  void dotSegmentsThatClimbAboveTheClusterPathAreRefused(String target) throws Exception {
    RawResponse response = raw("GET " + mount() + target + "?q=1 HTTP/1.1", BKC + ": prefixed");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText())
        .isEqualTo(
            envelope(
                "InputError",
                "Request path climbs above the path of cluster 'prefixed'",
                "GET",
                "/proxy" + target + "?q=1",
                400));
    assertThat(prefixed.received()).isEmpty();
  }

  @Test
  void climbingAboveTheRootOfAClusterWithoutPathIsRefused() throws Exception {
    RawResponse response = raw("GET " + mount() + "/api/../../x HTTP/1.1", BKC + ": alpha");

    assertThat(response.status()).isEqualTo(400);
    assertThat(alpha.received()).isEmpty();
  }

  @Test
  void climbingAboveTheServerRootIsRefusedWithoutReachingAnyCluster() throws Exception {
    RawResponse response =
        raw("GET " + mount() + "/../../../../../../admin HTTP/1.1", BKC + ": alpha");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText())
        .startsWith("{\"error\":{\"name\":\"InputError\",\"message\":\"Bad Request: ");
    assertThat(alpha.received()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/kubernetes/proxyfoo/api", "/api/kubernetes/%70roxy/api", "/other"})
  void pathsOutsideTheMountAre404WithAnEmptyBody(String path) throws Exception {
    RawResponse response = raw("GET " + path + " HTTP/1.1", BKC + ": alpha");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).isEmpty();
    assertThat(alpha.received()).isEmpty();
  }

  @Test
  void healthzAnswersOk() throws Exception {
    RawResponse response = raw("GET /healthz HTTP/1.1");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("ok");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"})
  void everyMethodIsForwardedAsIs(String method) throws Exception {
    HttpResponse<String> response = send(method, "/api/v1/namespaces/x", null, BKC, "alpha");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(alpha.onlyRequest().method()).isEqualTo(method);
  }

  @Test
  void headIsForwardedAndAnsweredWithoutBody() throws Exception {
    RawResponse response = raw("HEAD " + mount() + "/api HTTP/1.1", BKC + ": alpha");

    assertThat(response.status()).isEqualTo(200);
    assertThat(alpha.onlyRequest().method()).isEqualTo("HEAD");
  }

  @Test
  void aContentLengthBodyArrivesByteForByteWithItsContentType() throws Exception {
    byte[] body = new byte[300_000];
    new Random(7).nextBytes(body);
    List<String> head =
        List.of(
            "POST " + mount() + "/api/v1/namespaces HTTP/1.1",
            "Host: proxy",
            BKC + ": alpha",
            "Content-Type: application/merge-patch+json",
            "Content-Length: " + body.length);

    RawResponse response = rawSend(proxy.endpoint().getPort(), head, body);

    assertThat(response.status()).isEqualTo(200);
    assertThat(alpha.onlyRequest().body()).isEqualTo(body);
    assertThat(alpha.onlyRequest().header("Content-Type")).contains("application/merge-patch+json");
    assertThat(alpha.onlyRequest().header("Content-Length")).contains(String.valueOf(body.length));
  }

  @Test
  void aBodyAwaitingOneHundredContinueArrivesIntact() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(proxyUri("/api/v1/namespaces"))
                    .timeout(TIMEOUT)
                    .expectContinue(true)
                    .header(BKC, "alpha")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"Namespace\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(alpha.onlyRequest().bodyText()).isEqualTo("{\"kind\":\"Namespace\"}");
  }

  @Test
  void aChunkedBodyArrivesByteForByte() throws Exception {
    String chunked = "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n";
    List<String> head =
        List.of(
            "PUT " + mount() + "/api/v1/namespaces/x HTTP/1.1",
            "Host: proxy",
            BKC + ": alpha",
            "Content-Type: application/yaml",
            "Transfer-Encoding: chunked");

    RawResponse response =
        rawSend(proxy.endpoint().getPort(), head, chunked.getBytes(StandardCharsets.US_ASCII));

    assertThat(response.status()).isEqualTo(200);
    assertThat(alpha.onlyRequest().bodyText()).isEqualTo("hello, world");
    assertThat(alpha.onlyRequest().header("Content-Type")).contains("application/yaml");
  }
}
