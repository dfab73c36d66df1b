package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClusterSelectionTest extends ProxyTestBase {
  private static final String BKC = "Backstage-Kubernetes-Cluster";
  private Upstream alpha;
  private Upstream beta;
  private Upstream gamma;
  private Upstream dupSecond;

  @BeforeEach
  void startUpstreams() throws Exception {
    alpha = upstream();
    beta = upstream();
    gamma = upstream();
    dupSecond = upstream();
  }

  private String twoLocators() {
    return kubernetes(
        configLocator(
            serviceAccount("alpha", alpha.url(), "sa-alpha"),
            serviceAccount("dup", beta.url(), "sa-dup-first")),
        configLocator(
            serviceAccount("dup", dupSecond.url(), "sa-dup-second"),
            serviceAccount("gamma", gamma.url(), "sa-gamma")));
  }

  private void assertNothingForwarded() {
    assertThat(alpha.received()).isEmpty();
    assertThat(beta.received()).isEmpty();
    assertThat(gamma.received()).isEmpty();
    assertThat(dupSecond.received()).isEmpty();
  }

  @Nested
  class CurrentProfile {
    @BeforeEach
    void start() throws Exception {
      startProxy(twoLocators());
    }

    @Test
    void theHeaderSelectsTheClusterByExactNameInAnyHeaderNameCase() throws Exception {
      assertThat(get("/api/v1/namespaces", "backstage-KUBERNETES-cluster", "gamma").statusCode())
          .isEqualTo(200);

      assertThat(gamma.onlyRequest().rawTarget()).isEqualTo("/api/v1/namespaces");
      assertThat(alpha.received()).isEmpty();
    }

    @Test
    void surroundingWhitespaceOfTheValueIsIgnored() throws Exception {
      RawResponse response = raw("GET " + mount() + "/api HTTP/1.1", BKC + ":   alpha  ");

      assertThat(response.status()).isEqualTo(200);
      assertThat(alpha.onlyRequest().rawTarget()).isEqualTo("/api");
    }

    @Test
    void anUnknownNameIsA404EnvelopeWithTheRouterRelativeUrl() throws Exception {
      HttpResponse<String> response = get("/api/v1/ns?x=1", BKC, "nope");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("application/json; charset=utf-8");
      assertThat(response.body())
          .isEqualTo(
              envelope(
                  "NotFoundError", "Cluster 'nope' not found", "GET", "/proxy/api/v1/ns?x=1", 404));
      assertNothingForwarded();
    }

    @Test
    void namesAreCaseSensitive() throws Exception {
      HttpResponse<String> response = get("/api", BKC, "ALPHA");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("\"message\":\"Cluster 'ALPHA' not found\"");
      assertNothingForwarded();
    }

    @Test
    void aMissingHeaderWithSeveralClustersIsClusterUndefinedNotFound() throws Exception {
      HttpResponse<String> response = get("/api/v1/namespaces");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body())
          .isEqualTo(
              envelope(
                  "NotFoundError",
                  "Cluster 'undefined' not found",
                  "GET",
                  "/proxy/api/v1/namespaces",
                  404));
      assertNothingForwarded();
    }

    @Test
    void theOldHeaderIsIgnored() throws Exception {
      HttpResponse<String> response = get("/api", "X-Kubernetes-Cluster", "alpha");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("Cluster 'undefined' not found");
      assertNothingForwarded();
    }

    @Test
    void anEmptyHeaderWithSeveralClustersIsClusterEmptyNotFound() throws Exception {
      RawResponse response = raw("GET " + mount() + "/api HTTP/1.1", BKC + ":");

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.bodyText()).contains("\"message\":\"Cluster '' not found\"");
      assertNothingForwarded();
    }

    @Test
    void repeatedHeaderLinesAreJoinedAndMatchNothing() throws Exception {
      RawResponse response =
          raw("GET " + mount() + "/api HTTP/1.1", BKC + ": alpha", BKC + ": gamma");

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.bodyText()).contains("\"message\":\"Cluster 'alpha, gamma' not found\"");
      assertNothingForwarded();
    }

    @Test
    void aSharedNameReachesTheFirstLocatorWithItsOwnToken() throws Exception {
      for (int i = 0; i < 3; i++) {
        assertThat(get("/api", BKC, "dup").statusCode()).isEqualTo(200);
      }

      assertThat(beta.received()).hasSize(3);
      assertThat(beta.received().get(0).header("Authorization")).contains("Bearer sa-dup-first");
      assertThat(dupSecond.received()).isEmpty();
    }

    @Test
    void aClusterOfALaterLocatorIsReachable() throws Exception {
      assertThat(get("/api", BKC, "gamma").statusCode()).isEqualTo(200);
      assertThat(gamma.onlyRequest().header("Authorization")).contains("Bearer sa-gamma");
    }

    @Test
    void aUrlOrAddressAsNameReachesNothing() throws Exception {
      assertThat(get("/api", BKC, alpha.url().toString()).statusCode()).isEqualTo(404);
      assertThat(get("/api", BKC, "127.0.0.1:" + alpha.port()).statusCode()).isEqualTo(404);
      assertNothingForwarded();
    }
  }

  @Nested
  class CurrentProfileWithOneCluster {
    @BeforeEach
    void start() throws Exception {
      startProxy(kubernetes(configLocator(serviceAccount("alpha", alpha.url(), "t"))));
    }

    @Test
    void aMissingOrEmptyHeaderSelectsTheOnlyCluster() throws Exception {
      assertThat(get("/api/v1/namespaces").statusCode()).isEqualTo(200);
      assertThat(raw("GET " + mount() + "/api HTTP/1.1", BKC + ":").status()).isEqualTo(200);

      assertThat(alpha.received()).hasSize(2);
    }

    @Test
    void aWrongNameIsStillNotFound() throws Exception {
      HttpResponse<String> response = get("/api", BKC, "nosuch");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("Cluster 'nosuch' not found");
      assertThat(alpha.received()).isEmpty();
    }
  }

  @Test
  void zeroClustersIsNoClustersConfigured() throws Exception {
    startProxy(kubernetes(configLocator()));

    HttpResponse<String> response = get("/api", BKC, "alpha");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo(envelope("NotFoundError", "No Clusters configured", "GET", "/proxy/api", 404));
  }

  @Nested
  class Backstage19Profile {
    @BeforeEach
    void start() throws Exception {
      startProxy(twoLocators(), "profile: backstage-1.9");
    }

    @Test
    void theOldHeaderSelects() throws Exception {
      assertThat(get("/api", "x-kubernetes-cluster", "gamma").statusCode()).isEqualTo(200);
      assertThat(gamma.received()).hasSize(1);
    }

    @Test
    void aMissingHeaderIsA400InputError() throws Exception {
      HttpResponse<String> response = get("/api/v1/ns?x=1", BKC, "alpha");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body())
          .isEqualTo(
              envelope(
                  "InputError",
                  "Missing 'X-Kubernetes-Cluster' header.",
                  "GET",
                  "/proxy/api/v1/ns?x=1",
                  400));
      assertNothingForwarded();
    }

    @Test
    void anEmptyHeaderIsA400InputError() throws Exception {
      RawResponse response = raw("GET " + mount() + "/api HTTP/1.1", "X-Kubernetes-Cluster:");

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.bodyText()).contains("Missing 'X-Kubernetes-Cluster' header.");
    }

    @Test
    void anUnknownNameIsNotFound() throws Exception {
      HttpResponse<String> response = get("/api", "X-Kubernetes-Cluster", "nope");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("\"message\":\"Cluster 'nope' not found\"");
    }
  }

  @Test
  void zeroClustersIn19IsNotFoundByName() throws Exception {
    startProxy(kubernetes(configLocator()), "profile: backstage-1.9");

    HttpResponse<String> response = get("/api", "X-Kubernetes-Cluster", "alpha");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"message\":\"Cluster 'alpha' not found\"");
  }

  @Test
  void aDuplicateInsideOneLocatorReachesTheFirstIn19() throws Exception {
    startProxy(
        kubernetes(
            configLocator(
                serviceAccount("dup", beta.url(), "a"),
                serviceAccount("dup", dupSecond.url(), "b"))),
        "profile: backstage-1.9");

    assertThat(get("/api", "X-Kubernetes-Cluster", "dup").statusCode()).isEqualTo(200);
    assertThat(beta.received()).hasSize(1);
    assertThat(dupSecond.received()).isEmpty();
  }

  @Test
  void rejectingDuplicatesAnswers409ListingBothCandidates() throws Exception {
    startProxy(twoLocators(), "duplicateNames: reject");

    HttpResponse<String> response = get("/api", BKC, "dup");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body())
        .startsWith(
            "{\"error\":{\"name\":\"ConflictError\",\"message\":\"Cluster name 'dup' is ambiguous")
        .contains(beta.url().toString(), dupSecond.url().toString())
        .contains(
            "\"candidates\":[{\"locatorIndex\":0,\"locatorType\":\"config\",\"url\":\""
                + beta.url()
                + "\"},{\"locatorIndex\":1,\"locatorType\":\"config\",\"url\":\""
                + dupSecond.url()
                + "\"}]")
        .endsWith(
            "\"request\":{\"method\":\"GET\",\"url\":\"/proxy/api\"},\"response\":{\"statusCode\":409}}")
        .doesNotContain("sa-dup");
    assertNothingForwarded();
    assertThat(get("/api", BKC, "gamma").statusCode()).isEqualTo(200);
  }
}
