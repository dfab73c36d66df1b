package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.proxy.config.ConfigException;
import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import io.github.k8sproxyconformance.proxy.config.ProxyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleConfigTest {
  static final Path EXAMPLE = Path.of("examples/app-config.yaml");

  @Test
  void theExampleConfigurationLoads() throws Exception {
    ProxyConfig config =
        ConfigLoader.parse(
            Files.readString(EXAMPLE), Map.of("ALPHA_SA_TOKEN", "t"), Path.of("examples"));

    assertThat(config.clusters())
        .extracting(ClusterConfig::name)
        .containsExactly("alpha", "rancher-c1", "gke-dev", "local");
    assertThat(config.clusters().get(1).url().path()).isEqualTo("/k8s/clusters/c-1");
    assertThat(config.listenPort()).isEqualTo(7007);
  }

  @Test
  void theExampleNeedsItsTokenVariable() {
    assertThatThrownBy(() -> ConfigLoader.parse(Files.readString(EXAMPLE), Map.of(), Path.of(".")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ALPHA_SA_TOKEN");
  }
}
