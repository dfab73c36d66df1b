package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.RecordedRequest;
import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeadersTest extends ProxyTestBase {
  private static final String BKC = "Backstage-Kubernetes-Cluster: alpha";
  private Upstream alpha;

  @BeforeEach
  void start() throws Exception {
    alpha = upstream();
    startProxy(kubernetes(configLocator(serviceAccount("alpha", alpha.url(), "t"))));
  }

  @Test
  void hostNamesTheClusterEvenWhenTheCallerSpoofsIt() throws Exception {
    raw("GET " + mount() + "/api HTTP/1.1", BKC, "Host: evil.example:1234");

    assertThat(alpha.onlyRequest().headerValues("Host"))
        .containsExactly("127.0.0.1:" + alpha.port());
  }

  @Test
  void addsNoForwardingHeadersAndKeepsTheCallersOwn() throws Exception {
    raw(
        "GET " + mount() + "/api HTTP/1.1",
        BKC,
        "X-Forwarded-For: 203.0.113.9",
        "Forwarded: for=203.0.113.9;proto=https",
        "X-Request-Id: req-42",
        "Accept: application/json;as=Table;v=v1;g=meta.k8s.io");

    RecordedRequest request = alpha.onlyRequest();
    assertThat(request.headerValues("X-Forwarded-For")).containsExactly("203.0.113.9");
    assertThat(request.headerValues("Forwarded")).containsExactly("for=203.0.113.9;proto=https");
    assertThat(request.hasHeader("Via")).isFalse();
    assertThat(request.hasHeader("X-Forwarded-Host")).isFalse();
    assertThat(request.hasHeader("X-Forwarded-Proto")).isFalse();
    assertThat(request.header("X-Request-Id")).contains("req-42");
    assertThat(request.header("Accept")).contains("application/json;as=Table;v=v1;g=meta.k8s.io");
    assertThat(request.header("Backstage-Kubernetes-Cluster")).contains("alpha");
  }

  @Test
  void sendsExactlyTheCallersUserAgent() throws Exception {
    raw("GET " + mount() + "/api HTTP/1.1", BKC, "User-Agent: kubectl/v1.31.0");
    raw("GET " + mount() + "/api HTTP/1.1", BKC);

    assertThat(alpha.received().get(0).headerValues("User-Agent"))
        .containsExactly("kubectl/v1.31.0");
    assertThat(alpha.received().get(1).hasHeader("User-Agent")).isFalse();
  }

  @Test
  void addsNoContentTypeToABodyThatHasNone() throws Exception {
    rawSend(
        proxy.endpoint().getPort(),
        List.of(
            "POST " + mount() + "/api HTTP/1.1",
            "Host: 127.0.0.1:" + proxy.endpoint().getPort(),
            BKC,
            "Content-Length: 5"),
        "hello".getBytes(StandardCharsets.US_ASCII));

    RecordedRequest request = alpha.onlyRequest();
    assertThat(request.hasHeader("Content-Type")).isFalse();
  }

  @Test
  void dropsHopByHopHeaders() throws Exception {
    raw(
        "GET " + mount() + "/api HTTP/1.1",
        BKC,
        "Connection: keep-alive, X-Hop-Custom",
        "X-Hop-Custom: 1",
        "Keep-Alive: timeout=99",
        "TE: trailers",
        "Proxy-Authorization: Basic cHJveHk6c2VjcmV0",
        "X-End-To-End: kept");

    RecordedRequest request = alpha.onlyRequest();
    assertThat(request.hasHeader("X-Hop-Custom")).isFalse();
    assertThat(request.hasHeader("Keep-Alive")).isFalse();
    assertThat(request.hasHeader("TE")).isFalse();
    assertThat(request.hasHeader("Proxy-Authorization")).isFalse();
    assertThat(request.header("X-End-To-End")).contains("kept");
  }

  @Test
  void theResponseComesBackUnchangedAndRedirectsAreNotFollowed() throws Exception {
    alpha.respondWith(
        (request, response) -> {
          response.getHeaders().add(HttpHeader.SET_COOKIE, "a=1; Path=/");
          response.getHeaders().add(HttpHeader.SET_COOKIE, "b=2; Path=/");
          response.getHeaders().add(HttpHeader.LOCATION, "http://elsewhere.example/x");
          response.getHeaders().add("X-Custom", "v");
          Upstream.writeBody(response, 302, "text/plain", "moved".getBytes(StandardCharsets.UTF_8));
        });

    HttpResponse<String> response = get("/api", "Backstage-Kubernetes-Cluster", "alpha");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().allValues("Set-Cookie"))
        .containsExactly("a=1; Path=/", "b=2; Path=/");
    assertThat(response.headers().firstValue("Location")).contains("http://elsewhere.example/x");
    assertThat(response.headers().firstValue("X-Custom")).contains("v");
    assertThat(response.headers().allValues("Date")).hasSizeLessThanOrEqualTo(1);
    assertThat(response.body()).isEqualTo("moved");
    assertThat(alpha.received()).hasSize(1);
  }

  @Test
  void aCompressedBodyIsPassedThroughCompressed() throws Exception {
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write("{\"kind\":\"NamespaceList\"}".getBytes(StandardCharsets.UTF_8));
    }
    alpha.respondWith(
        (request, response) -> {
          response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
          Upstream.writeBody(response, 200, "application/json", gzipped.toByteArray());
        });

    RawResponse response = raw("GET " + mount() + "/api HTTP/1.1", BKC, "Accept-Encoding: gzip");

    assertThat(response.header("Content-Encoding")).contains("gzip");
    assertThat(response.body()).isEqualTo(gzipped.toByteArray());
    assertThat(alpha.onlyRequest().header("Accept-Encoding")).contains("gzip");
  }

  @Test
  void connectionsToTheClusterAreReused() throws Exception {
    get("/api/v1/a", "Backstage-Kubernetes-Cluster", "alpha");
    get("/api/v1/b", "Backstage-Kubernetes-Cluster", "alpha");

    assertThat(alpha.received()).hasSize(2);
    assertThat(alpha.received().get(1).remotePort())
        .isEqualTo(alpha.received().get(0).remotePort());
    assertThat(alpha.received().get(0).headerValues("Connection")).doesNotContain("close");
  }

  @Test
  void anUpstreamErrorStatusIsPassedThrough() throws Exception {
    alpha.respondWith(
        (request, response) ->
            Upstream.writeBody(
                response, 418, "text/plain", "teapot".getBytes(StandardCharsets.UTF_8)));

    HttpResponse<String> response = get("/api", "Backstage-Kubernetes-Cluster", "alpha");

    assertThat(response.statusCode()).isEqualTo(418);
    assertThat(response.body()).isEqualTo("teapot");
  }
}
