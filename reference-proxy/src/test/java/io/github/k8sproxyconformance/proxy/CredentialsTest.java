package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.RecordedRequest;
import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest extends ProxyTestBase {
  private static final String BKC = "Backstage-Kubernetes-Cluster";
  private static final String BKA = "Backstage-Kubernetes-Authorization";
  private Upstream upstream;

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = upstream();
  }

  private String clusters() {
    return kubernetes(
        configLocator(
            serviceAccount("alpha", upstream.url(), "sa-token-alpha"),
            cluster("beta", upstream.url(), "google"),
            cluster("google-sa", upstream.url(), "google", "serviceAccountToken: sa-token-g"),
            cluster("oidcc", upstream.url(), "oidc", "oidcTokenProvider: okta"),
            cluster("aksc", upstream.url(), "aks"),
            cluster("sa-notoken", upstream.url(), "serviceAccount"),
            cluster("kubectl", upstream.url(), "localKubectlProxy")));
  }

  private RecordedRequest forwarded(String cluster, String... headerLines) throws Exception {
    String[] lines = new String[headerLines.length + 1];
    lines[0] = BKC + ": " + cluster;
    System.arraycopy(headerLines, 0, lines, 1, headerLines.length);
    RawResponse response = raw("GET " + mount() + "/api/v1/namespaces HTTP/1.1", lines);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    return upstream.onlyRequest();
  }

  @Nested
  class CurrentProfile {
    @BeforeEach
    void start() throws Exception {
      startProxy(clusters());
    }

    @Test
    void theServiceAccountTokenIsSentAsBearer() throws Exception {
      assertThat(forwarded("alpha").headerValues("Authorization"))
          .containsExactly("Bearer sa-token-alpha");
    }

    @Test
    void theGenericHeaderIsCopiedVerbatimAndWinsOverTheProvider() throws Exception {
      RecordedRequest request = forwarded("alpha", BKA + ": raw-token");

      assertThat(request.headerValues("Authorization")).containsExactly("raw-token");
      assertThat(request.hasHeader(BKA)).isFalse();
    }

    @Test
    void anEmptyGenericHeaderGivesAnEmptyAuthorization() throws Exception {
      assertThat(forwarded("alpha", BKA + ":").headerValues("Authorization")).containsExactly("");
    }

    @Test
    void theCallersAuthorizationAndCookieAreDropped() throws Exception {
      RecordedRequest request =
          forwarded("kubectl", "Authorization: Bearer backstage-identity", "Cookie: session=abc");

      assertThat(request.hasHeader("Authorization")).isFalse();
      assertThat(request.hasHeader("Cookie")).isFalse();
    }

    @Test
    void theGoogleHeaderBecomesBearerInAnyNameCaseAndIsNotForwarded() throws Exception {
      RecordedRequest request =
          forwarded("beta", "BACKSTAGE-kubernetes-authorization-Google: gtok");

      assertThat(request.headerValues("Authorization")).containsExactly("Bearer gtok");
      assertThat(request.headers())
          .noneMatch(
              h -> h.getKey().toLowerCase().startsWith("backstage-kubernetes-authorization"));
    }

    @Test
    void aMissingGoogleTokenIs500() throws Exception {
      HttpResponse<String> response = get("/api/v1/namespaces", BKC, "beta");

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body())
          .isEqualTo(
              envelope(
                  "Error",
                  "Google token not found under auth.google in request body",
                  "GET",
                  "/proxy/api/v1/namespaces",
                  500));
      assertThat(upstream.received()).isEmpty();
    }

    @Test
    void theOidcHeaderOfTheConfiguredProviderBecomesBearer() throws Exception {
      assertThat(forwarded("oidcc", BKA + "-OIDC-okta: otok").headerValues("Authorization"))
          .containsExactly("Bearer otok");
    }

    /** okta-eu is another provider than okta, not a longer spelling of it. */
    @ParameterizedTest
    @ValueSource(strings = {"-oidc-gitlab", "-oidc-okta-eu"})
    void anOidcTokenOfAnotherProviderIs500(String provider) throws Exception {
      HttpResponse<String> response = get("/api", BKC, "oidcc", BKA + provider, "otok");

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body())
          .contains("\"message\":\"Auth token not found under oidc.okta in request body\"");
      assertThat(upstream.received()).isEmpty();
    }

    @Test
    void aGoogleClusterNeverSendsItsConfiguredToken() throws Exception {
      assertThat(get("/api", BKC, "google-sa").statusCode()).isEqualTo(500);
      assertThat(upstream.received()).isEmpty();
      assertThat(forwarded("google-sa", BKA + "-google: gtok").headerValues("Authorization"))
          .containsExactly("Bearer gtok");
    }

    @Test
    void aksUsesItsHeaderOrNothing() throws Exception {
      assertThat(forwarded("aksc", BKA + "-aks: atok").headerValues("Authorization"))
          .containsExactly("Bearer atok");
      assertThat(get("/api", BKC, "aksc").statusCode()).isEqualTo(200);
      assertThat(upstream.received().get(1).hasHeader("Authorization")).isFalse();
    }

    @Test
    void aServiceAccountClusterWithoutTokenIs500NamingTheCluster() throws Exception {
      HttpResponse<String> response = get("/api", BKC, "sa-notoken");

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body())
          .contains("\"name\":\"Error\"")
          .contains(
              "Cluster 'sa-notoken' has authProvider serviceAccount but no serviceAccountToken");
      assertThat(upstream.received()).isEmpty();
    }

    @Test
    void aProviderHeaderIsIgnoredForAServiceAccountCluster() throws Exception {
      assertThat(forwarded("alpha", BKA + "-google: gtok").headerValues("Authorization"))
          .containsExactly("Bearer sa-token-alpha");
    }
  }

  @Nested
  class Backstage19Profile {
    @BeforeEach
    void start() throws Exception {
      startProxy(clusters(), "profile: backstage-1.9");
    }

    private RecordedRequest forwarded19(String cluster, String... headerLines) throws Exception {
      String[] lines = new String[headerLines.length + 1];
      lines[0] = "X-Kubernetes-Cluster: " + cluster;
      System.arraycopy(headerLines, 0, lines, 1, headerLines.length);
      RawResponse response = raw("GET " + mount() + "/api HTTP/1.1", lines);
      assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
      return upstream.onlyRequest();
    }

    @Test
    void theCallersAuthorizationAndCookieAreForwardedAsIs() throws Exception {
      RecordedRequest request =
          forwarded19("alpha", "Authorization: Basic Zm9vOmJhcg==", "Cookie: session=abc");

      assertThat(request.headerValues("Authorization")).containsExactly("Basic Zm9vOmJhcg==");
      assertThat(request.headerValues("Cookie")).containsExactly("session=abc");
    }

    @Test
    void noTokenIsEverInjected() throws Exception {
      assertThat(forwarded19("alpha").hasHeader("Authorization")).isFalse();
    }

    @Test
    void clientSideProvidersNeedNoTokenHeader() throws Exception {
      assertThat(forwarded19("beta").hasHeader("Authorization")).isFalse();
    }
  }
}
