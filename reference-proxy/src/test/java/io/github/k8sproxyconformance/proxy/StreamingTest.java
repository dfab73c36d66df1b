package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingTest extends ProxyTestBase {
  private static final String BKC = "Backstage-Kubernetes-Cluster";

  @ParameterizedTest(name = "Accept-Encoding: {0}")
  @ValueSource(strings = {"identity", "gzip"})
  void eachChunkReachesTheClientBeforeTheClusterSendsTheNext(String acceptEncoding)
      throws Exception {
    Upstream upstream = upstream();
    CountDownLatch firstEventRead = new CountDownLatch(1);
    AtomicBoolean releasedByClient = new AtomicBoolean();
    upstream.respondWith(
        (request, response) -> {
          response.getHeaders().put("Content-Type", "application/json");
          Upstream.writeChunk(response, "{\"type\":\"ADDED\",\"n\":1}\n");
          releasedByClient.set(firstEventRead.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
          Upstream.writeChunk(response, "{\"type\":\"ADDED\",\"n\":2}\n");
          Upstream.end(response);
        });
    startProxy(kubernetes(configLocator(serviceAccount("alpha", upstream.url(), "t"))));

    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(proxyUri("/api/v1/configmaps?watch=1"))
                    .timeout(TIMEOUT)
                    .header(BKC, "alpha")
                    .header("Accept-Encoding", acceptEncoding)
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("{\"type\":\"ADDED\",\"n\":1}");
      firstEventRead.countDown();
      assertThat(lines.readLine()).isEqualTo("{\"type\":\"ADDED\",\"n\":2}");
      assertThat(lines.readLine()).isNull();
    }
    assertThat(releasedByClient).isTrue();
    assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
  }

  @Test
  void aQuietExchangeOutlivesTheIdleTimeoutOfBothLegs() throws Exception {
    Upstream upstream = upstream();
    upstream.respondWith(
        (request, response) -> {
          Thread.sleep(2_500);
          response.getHeaders().put("Content-Type", "application/json");
          Upstream.writeChunk(response, "first\n");
          Thread.sleep(2_500);
          Upstream.writeChunk(response, "second\n");
          Upstream.end(response);
        });
    startProxy(
        kubernetes(configLocator(serviceAccount("alpha", upstream.url(), "t"))),
        "connectionIdleTimeoutMs: 1000");

    RawResponse response =
        raw(
            "GET " + mount() + "/api/v1/pods/p/log?follow=true HTTP/1.1",
            BKC + ": alpha",
            "Connection: keep-alive");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Transfer-Encoding")).contains("chunked");
    assertThat(response.bodyText()).isEqualTo("first\nsecond\n");
  }

  @Test
  void anExchangeIdleTimeoutCutsAQuietClusterWithTheRequestErrorEnvelope() throws Exception {
    Upstream upstream = upstream();
    CountDownLatch never = new CountDownLatch(1);
    upstream.respondWith((request, response) -> never.await(5, TimeUnit.SECONDS));
    startProxy(
        kubernetes(configLocator(serviceAccount("alpha", upstream.url(), "t"))),
        "exchangeIdleTimeoutMs: 300");

    HttpResponse<String> response = get("/api", BKC, "alpha");
    never.countDown();

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .contains("Cluster 'alpha' request error; caused by Error: read ETIMEDOUT")
        .contains("\"code\":\"ETIMEDOUT\"");
  }
}
