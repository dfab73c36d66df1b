package io.github.k8sproxyconformance.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigMergeTest {
  @TempDir Path dir;

  @Test
  void mapsMergeKeyByKeyAndLaterScalarsWin() {
    Object merged =
        ConfigMerge.merge(
            Map.of("proxy", Map.of("profile", "backstage-1.9", "listen", Map.of("port", 7007))),
            Map.of("proxy", Map.of("listen", Map.of("port", 0))));

    assertThat(merged)
        .isEqualTo(
            Map.of("proxy", Map.of("profile", "backstage-1.9", "listen", Map.of("port", 0))));
  }

  @Test
  void listsAreReplacedWhole() {
    Object merged =
        ConfigMerge.merge(Map.of("list", List.of("a", "b")), Map.of("list", List.of("c")));

    assertThat(merged).isEqualTo(Map.of("list", List.of("c")));
  }

  @Test
  void anEmptyDocumentOrANullValueKeepsWhatCameBefore() {
    Map<String, Object> earlier = Map.of("a", 1);
    assertThat(ConfigMerge.merge(earlier, null)).isEqualTo(earlier);
    assertThat(ConfigMerge.merge(null, earlier)).isEqualTo(earlier);
    java.util.HashMap<String, Object> later = new java.util.HashMap<>();
    later.put("a", null);
    assertThat(ConfigMerge.merge(earlier, later)).isEqualTo(earlier);
  }

  @Test
  void loadMergesFilesInOrderLaterWinning() throws Exception {
    Path portal =
        write(
            "app-config.yaml",
            """
            proxy:
              profile: backstage-1.9
              listen: {port: 7010}
            kubernetes:
              clusterLocatorMethods:
                - type: config
                  clusters:
                    - {name: mine, url: 'http://127.0.0.1:9', authProvider: serviceAccount}
            """);
    Path local =
        write(
            "app-config.local.yaml",
            """
            proxy:
              listen: {port: 0}
            kubernetes:
              clusterLocatorMethods:
                - type: config
                  clusters:
                    - {name: a, url: 'http://127.0.0.1:27101', authProvider: serviceAccount}
                    - {name: b, url: 'http://127.0.0.1:27102', authProvider: serviceAccount}
            """);

    ProxyConfig config = ConfigLoader.load(List.of(portal, local));

    assertThat(config.clusters()).extracting(ClusterConfig::name).containsExactly("a", "b");
    assertThat(config.listenPort()).isZero();
    assertThat(config.profile()).isEqualTo(Profile.BACKSTAGE_1_9);
  }

  @Test
  void aRelativeCaFileIsFoundBesideTheFileTheClustersCameFrom() throws Exception {
    Files.createDirectories(dir.resolve("portal"));
    Path portal = write("portal/app-config.yaml", "proxy:\n  listen: {port: 0}\n");
    Path conformance =
        write(
            "app-config.conformance.yaml",
            """
            kubernetes:
              clusterLocatorMethods:
                - type: config
                  clusters:
                    - {name: a, url: 'https://127.0.0.1:27101', authProvider: serviceAccount,
                       caFile: missing-ca.pem}
            """);

    assertThatThrownBy(() -> ConfigLoader.load(List.of(portal, conformance)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.resolve("missing-ca.pem").toString());
  }

  @Test
  void aMalformedFileIsNamed() throws Exception {
    Path good = write("a.yaml", "proxy: {}\n");
    Path bad = write("b.yaml", "proxy: [\n");

    assertThatThrownBy(() -> ConfigLoader.load(List.of(good, bad)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(bad + ": (document): malformed YAML");
  }

  private Path write(String name, String yaml) throws Exception {
    return Files.writeString(dir.resolve(name), yaml);
  }
}
