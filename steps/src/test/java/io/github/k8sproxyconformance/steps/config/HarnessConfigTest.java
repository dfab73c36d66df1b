package io.github.k8sproxyconformance.steps.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HarnessConfigTest {

  @Test
  void defaultsToTheBundledProxyOnEphemeralPorts() {
    HarnessConfig config = HarnessConfig.load(Map.of(), Map.of());

    assertThat(config.bundled()).isTrue();
    assertThat(config.profile()).isEqualTo(Profile.BACKSTAGE_CURRENT);
    assertThat(config.kube()).isEqualTo("embedded");
    assertThat(config.basePort()).isZero();
    assertThat(config.advertisedHost()).isEqualTo("127.0.0.1");
    assertThat(config.reportDir()).isEqualTo(Path.of("target/conformance"));
    assertThat(config.proxyToken()).isEmpty();
  }

  @Test
  void anExternalProxyGetsFixedFixturePortsByDefault() {
    HarnessConfig config =
        HarnessConfig.load(
            Map.of(),
            Map.of("CONFORMANCE_PROXY_URL", "http://localhost:7007/api/kubernetes/proxy/"));

    assertThat(config.bundled()).isFalse();
    assertThat(config.proxyUrl())
        .contains(URI.create("http://localhost:7007/api/kubernetes/proxy"));
    assertThat(config.basePort()).isEqualTo(27100);
  }

  @Test
  void aSystemPropertyBeatsTheEnvironment() {
    HarnessConfig config =
        HarnessConfig.load(
            Map.of(
                "conformance.profile", "backstage-1.9", "conformance.fixtures.base-port", "28000"),
            Map.of(
                "CONFORMANCE_PROFILE", "backstage-current", "CONFORMANCE_FIXTURES_BASE_PORT", "1"));

    assertThat(config.profile()).isEqualTo(Profile.BACKSTAGE_1_9);
    assertThat(config.basePort()).isEqualTo(28000);
  }

  @Test
  void namesTheKeyAndTheAllowedValuesOfAnInvalidSetting() {
    assertThatThrownBy(
            () -> HarnessConfig.load(Map.of("conformance.profile", "backstage-2"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("conformance.profile")
        .hasMessageContaining("backstage-current, backstage-1.9");
    assertThatThrownBy(() -> HarnessConfig.load(Map.of(), Map.of("CONFORMANCE_KUBE", "kind")))
        .hasMessageContaining("conformance.kube")
        .hasMessageContaining("embedded, k3s, off");
    assertThatThrownBy(
            () -> HarnessConfig.load(Map.of("conformance.fixtures.base-port", "http"), Map.of()))
        .hasMessageContaining("conformance.fixtures.base-port");
    assertThatThrownBy(
            () -> HarnessConfig.load(Map.of("conformance.proxy.url", "localhost:7007"), Map.of()))
        .hasMessageContaining("conformance.proxy.url")
        .hasMessageContaining("absolute http or https URL");
  }

  @Test
  void masksTheTokenInTheEffectiveSettings() {
    HarnessConfig config =
        HarnessConfig.load(Map.of("conformance.proxy.token", "s3cr3t-value"), Map.of());

    assertThat(config.proxyToken()).contains("s3cr3t-value");
    assertThat(config.effective())
        .containsEntry("conformance.proxy.token", "****")
        .containsKeys(
            "conformance.proxy.url",
            "conformance.profile",
            "conformance.kube",
            "conformance.fixtures.base-port",
            "conformance.fixtures.advertised-host",
            "conformance.report.dir");
    assertThat(config.effective().values()).noneMatch(value -> value.contains("s3cr3t"));
  }

  @Test
  void resolvesARelativeExpectationsFileFromWhereTheBuildStarted() {
    HarnessConfig fromBuild =
        HarnessConfig.load(
            Map.of(
                "conformance.expectations", "backstage/expectations.yaml",
                "conformance.invocation.dir", "/home/user/repo"),
            Map.of());
    HarnessConfig absolute =
        HarnessConfig.load(
            Map.of(
                "conformance.expectations", "/etc/expected.yaml",
                "conformance.invocation.dir", "/home/user/repo"),
            Map.of());

    assertThat(fromBuild.expectations())
        .contains(Path.of("/home/user/repo/backstage/expectations.yaml"));
    assertThat(absolute.expectations()).contains(Path.of("/etc/expected.yaml"));
    assertThat(HarnessConfig.load(Map.of(), Map.of()).expectations()).isEmpty();
  }

  @Test
  void namesTheImplementationByModeUnlessTold() {
    assertThat(HarnessConfig.load(Map.of(), Map.of()).implementation())
        .isEqualTo("reference-proxy");
    assertThat(
            HarnessConfig.load(Map.of("conformance.proxy.url", "http://127.0.0.1:7007/p"), Map.of())
                .implementation())
        .isEqualTo("unspecified");
    assertThat(
            HarnessConfig.load(Map.of(), Map.of("CONFORMANCE_IMPLEMENTATION", "Backstage 0.21.15"))
                .implementation())
        .isEqualTo("Backstage 0.21.15");
  }

  @Test
  void derivesEnvironmentNamesInUpperSnakeCase() {
    assertThat(HarnessConfig.envName("conformance.fixtures.advertised-host"))
        .isEqualTo("CONFORMANCE_FIXTURES_ADVERTISED_HOST");
  }
}
