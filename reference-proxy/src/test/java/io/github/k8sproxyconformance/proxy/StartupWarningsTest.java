package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import io.github.k8sproxyconformance.proxy.config.ProxyConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupWarningsTest extends ProxyTestBase {
  private static final String TWO_LOCATORS =
      kubernetes(
          configLocator(
              serviceAccount("alpha", "http://127.0.0.1:27101", "sa-token-alpha"),
              serviceAccount("dup", "http://127.0.0.1:27103", "sa-token-dup-first")),
          configLocator(
              serviceAccount("dup", "http://127.0.0.1:27104/k8s", "sa-token-dup-second"),
              cluster(
                  "insecure",
                  "https://127.0.0.1:27111",
                  "serviceAccount",
                  "serviceAccountToken: sa-token-tls",
                  "skipTLSVerify: true")));

  private static List<String> warnings(String yaml) {
    ProxyConfig config = ConfigLoader.parse(yaml, Map.of(), Path.of("."));
    return StartupWarnings.of(config);
  }

  @Test
  void aNameSharedAcrossLocatorsIsWarnedAboutWithBothUrlsAndNoToken() {
    assertThat(warnings(TWO_LOCATORS))
        .first()
        .isEqualTo(
            "Duplicate cluster name 'dup': requests for it reach the first, http://127.0.0.1:27103;"
                + " defined as http://127.0.0.1:27103 from clusterLocatorMethods[0] (config),"
                + " http://127.0.0.1:27104/k8s from clusterLocatorMethods[1] (config)");
  }

  @Test
  void rejectingDuplicatesIsNamedInTheWarning() {
    assertThat(warnings(TWO_LOCATORS + "proxy:\n  duplicateNames: reject\n").get(0))
        .startsWith("Duplicate cluster name 'dup': requests for it are refused with 409;");
  }

  @Test
  void skipTlsVerifyIsWarnedAboutPerCluster() {
    assertThat(warnings(TWO_LOCATORS))
        .hasSize(2)
        .last()
        .isEqualTo(
            "Cluster 'insecure' (https://127.0.0.1:27111) has skipTLSVerify: true;"
                + " its certificate chain and host name are not verified");
  }

  @Test
  void aCleanConfigurationHasNoWarnings() {
    assertThat(warnings(kubernetes(configLocator(serviceAccount("a", "http://h:1", "t")))))
        .isEmpty();
  }

  @Test
  void theRunningServerReportsTheSameWarningsWithoutTokens() throws Exception {
    startProxy(TWO_LOCATORS);

    assertThat(proxy.startupWarnings()).isEqualTo(warnings(TWO_LOCATORS));
    assertThat(String.join("\n", proxy.startupWarnings())).doesNotContain("sa-token");
    assertThat(proxy.endpoint().toString())
        .startsWith("http://127.0.0.1:")
        .endsWith("/api/kubernetes/proxy");
  }
}
