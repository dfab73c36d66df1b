package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.tls.TestCertificateAuthority;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TlsTest extends ProxyTestBase {
  private static final String BKC = "Backstage-Kubernetes-Cluster";
  private final TestCertificateAuthority ca = TestCertificateAuthority.create("cluster-ca");

  private static String tlsCluster(String name, Object url, String... trustLines) {
    String[] lines = new String[trustLines.length + 1];
    lines[0] = "serviceAccountToken: sa-token-tls";
    System.arraycopy(trustLines, 0, lines, 1, trustLines.length);
    return cluster(name, url, "serviceAccount", lines);
  }

  private void assertRequestError(
      HttpResponse<String> response, String cluster, String code, String message) {
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"name\":\"Error\",\"message\":\"Cluster '"
                + cluster
                + "' request error; caused by Error: "
                + message
                + "\",\"cause\":{\"name\":\"Error\",\"code\":\""
                + code
                + "\",\"message\":\""
                + message
                + "\"}},\"request\":{\"method\":\"GET\",\"url\":\"/api/kubernetes/proxy/api?x=1\"},"
                + "\"response\":{\"statusCode\":500}}");
  }

  @Test
  void caDataAndCaFileReplaceTheTrustStore() throws Exception {
    Upstream upstream = closeLater(Upstream.https(ca.issueServer("127.0.0.1")));
    Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    startProxy(
        kubernetes(
            configLocator(
                tlsCluster("tls-cadata", upstream.url(), "caData: " + ca.caData()),
                tlsCluster("tls-cafile", upstream.url(), "caFile: ca.pem"))));

    assertThat(get("/api", BKC, "tls-cadata").statusCode()).isEqualTo(200);
    assertThat(get("/api", BKC, "tls-cafile").statusCode()).isEqualTo(200);
    assertThat(upstream.received()).hasSize(2);
    assertThat(upstream.received().get(0).header("Authorization")).contains("Bearer sa-token-tls");
  }

  @Test
  void skipTlsVerifyTrustsAnyCertificateForThatClusterOnlyAndIsWarnedAbout() throws Exception {
    Upstream upstream =
        closeLater(Upstream.https(TestCertificateAuthority.selfSignedServer("other.example")));
    startProxy(
        kubernetes(
            configLocator(
                tlsCluster("tls-skipverify", upstream.url(), "skipTLSVerify: true"),
                tlsCluster("tls-untrusted", upstream.url()))));

    assertThat(get("/api", BKC, "tls-skipverify").statusCode()).isEqualTo(200);
    assertThat(get("/api", BKC, "tls-untrusted").statusCode()).isEqualTo(500);
    assertThat(upstream.received()).hasSize(1);
    assertThat(proxy.startupWarnings())
        .anySatisfy(w -> assertThat(w).contains("'tls-skipverify'", "skipTLSVerify"))
        .noneSatisfy(w -> assertThat(w).contains("tls-untrusted"));
  }

  @Test
  void aSelfSignedCertificateIsRefusedAsNodeWould() throws Exception {
    Upstream upstream =
        closeLater(Upstream.https(TestCertificateAuthority.selfSignedServer("127.0.0.1")));
    startProxy(kubernetes(configLocator(tlsCluster("tls-untrusted", upstream.url()))));

    HttpResponse<String> response = get("/api?x=1", BKC, "tls-untrusted");

    assertRequestError(
        response, "tls-untrusted", "DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate");
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void aChainFromAnotherCaIsRefused() throws Exception {
    Upstream upstream = closeLater(Upstream.https(ca.issueServer("127.0.0.1")));
    TestCertificateAuthority otherCa = TestCertificateAuthority.create("other-ca");
    startProxy(
        kubernetes(
            configLocator(tlsCluster("tls-other", upstream.url(), "caData: " + otherCa.caData()))));

    HttpResponse<String> response = get("/api?x=1", BKC, "tls-other");

    assertRequestError(
        response,
        "tls-other",
        "SELF_SIGNED_CERT_IN_CHAIN",
        "self-signed certificate in certificate chain");
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void aCertificateForAnotherHostIsRefused() throws Exception {
    Upstream upstream = closeLater(Upstream.https(ca.issueServer("other.example")));
    startProxy(
        kubernetes(
            configLocator(tlsCluster("tls-wronghost", upstream.url(), "caData: " + ca.caData()))));

    HttpResponse<String> response = get("/api?x=1", BKC, "tls-wronghost");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .startsWith(
            "{\"error\":{\"name\":\"Error\",\"message\":\"Cluster 'tls-wronghost' request error;"
                + " caused by Error: Hostname/IP does not match certificate's altnames")
        .contains("\"code\":\"ERR_TLS_CERT_ALTNAME_INVALID\"");
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void noClientCertificateIsPresented() throws Exception {
    TestCertificateAuthority clientCa = TestCertificateAuthority.create("client-ca");
    Upstream upstream =
        closeLater(Upstream.httpsRequiringClientCertificate(ca.issueServer("127.0.0.1"), clientCa));
    startProxy(
        kubernetes(configLocator(tlsCluster("mtls", upstream.url(), "caData: " + ca.caData()))));

    HttpResponse<String> response = get("/api?x=1", BKC, "mtls");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .startsWith("{\"error\":{\"name\":\"Error\",\"message\":\"Cluster 'mtls' request error;")
        .doesNotContain("sa-token-tls");
    assertThat(upstream.received()).isEmpty();
  }
}
