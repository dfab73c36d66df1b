package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.http.LenientExchange;
import io.github.k8sproxyconformance.testkit.http.LenientResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cases {@link HostileInputFuzzTest} found, one each: input the caller got wrong is answered
 * 4xx, never blamed on the cluster with a 500, and input a cluster could misread never reaches it.
 */
class HostileInputTest extends ProxyTestBase {
  private static final String BKC = "Backstage-Kubernetes-Cluster: alpha\r\n";
  private Upstream alpha;

  @BeforeEach
  void start() throws Exception {
    alpha = upstream();
    startProxy(
        kubernetes(configLocator(serviceAccount("alpha", alpha.url() + "/k8s/clusters/c-1", "t"))));
  }

  /** Catches a proxy that lets {@code ..\} climb out of a cluster path behind a WHATWG front. */
  @Test
  void backslashDotSegmentsThatClimbAreRefused() throws Exception {
    LenientResponse outcome =
        send("GET " + mount() + "/api/..%5c..%5c..%5cadmin HTTP/1.1\r\n" + BKC);

    assertThat(outcome.status()).isEqualTo(400);
    assertThat(outcome.bodyText()).contains("\"name\":\"InputError\"");
    assertThat(alpha.received()).isEmpty();
  }

  /** Catches a proxy whose cluster client chokes on a 6 KiB query with a 500. */
  @Test
  void aLongLabelSelectorReachesTheCluster() throws Exception {
    String selector = "labelSelector=" + "app%20in%20(a,b),".repeat(350);

    LenientResponse outcome =
        send("GET " + mount() + "/api/v1/pods?" + selector + " HTTP/1.1\r\n" + BKC);

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(alpha.onlyRequest().rawTarget()).endsWith(selector);
  }

  /** Catches a proxy that blames a malformed query on the cluster with a 500. */
  @Test
  void aMalformedPercentEscapeInTheQueryIsAnInputError() throws Exception {
    LenientResponse outcome = send("GET " + mount() + "/api?a=%zz HTTP/1.1\r\n" + BKC);

    assertThat(outcome.status()).isEqualTo(400);
    assertThat(outcome.bodyText()).contains("Malformed percent-encoding in the query");
    assertThat(alpha.received()).isEmpty();
  }

  /** Catches a proxy that answers a body the client cut short as a cluster failure (500). */
  @Test
  void aBodyCutShortByTheClientIsAnInputError() throws Exception {
    LenientResponse outcome =
        send(
            "POST " + mount() + "/api/v1/pods HTTP/1.1\r\n" + BKC + "Content-Length: 40\r\n",
            "{\"kind\":\"Pod\"");

    assertThat(outcome.status()).isEqualTo(400);
    assertThat(outcome.bodyText()).contains("Request body could not be read");
  }

  /** Catches a proxy that answers an unknown HTTP version with a 5xx. */
  @Test
  void anUnknownHttpVersionIsA400() throws Exception {
    LenientResponse outcome = send("GET " + mount() + "/api HTTP/1.1.1\r\n" + BKC);

    assertThat(outcome.status()).isEqualTo(400);
    assertThat(alpha.received()).isEmpty();
  }

  /** Sends the head (and a body, then the end of the client's output) and reads the answer. */
  private LenientResponse send(String head, String... body) throws Exception {
    String request = head + "Host: proxy\r\n\r\n" + String.join("", body);
    return LenientExchange.exchange(
        proxy.endpoint().getPort(),
        request.getBytes(StandardCharsets.ISO_8859_1),
        true,
        Duration.ofSeconds(10));
  }
}
