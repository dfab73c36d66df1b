package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsUsageAndVersionTheJarsVersion() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("Usage: reference-proxy [-hV] --config=FILE...")
        .contains("proxy: section")
        .contains("${VAR}");
    out.reset();
    assertThat(run("-V")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("reference-proxy ");
  }

  @Test
  void missingOrUnknownArgumentsExitWith2AndTheUsage() throws Exception {
    assertThat(run()).isEqualTo(2);
    assertThat(err())
        .startsWith("Missing required option: '--config=FILE'")
        .contains("Usage: reference-proxy");
    err.reset();
    assertThat(run("--config", "app-config.yaml", "--port", "1")).isEqualTo(2);
    assertThat(err()).startsWith("Unknown option: '--port'");
    err.reset();
    assertThat(run("--config")).isEqualTo(2);
    assertThat(err()).startsWith("Missing required parameter for option '--config'");
  }

  @Test
  void aBadConfigurationExitsWith2AndOneLineWithoutStackTrace() throws Exception {
    Path config = dir.resolve("app-config.yaml");
    Files.writeString(
        config,
        "kubernetes:\n  clusterLocatorMethods:\n    - type: config\n      clusters:\n        - name: a\n");

    assertThat(run("--config=" + config)).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "reference-proxy: kubernetes.clusterLocatorMethods[0].clusters[0].url: missing\n");
  }

  @Test
  void anUnreadableConfigurationExitsWith2() throws Exception {
    assertThat(run("--config", dir.resolve("missing.yaml").toString())).isEqualTo(2);
    assertThat(err())
        .startsWith("reference-proxy: ")
        .contains("missing.yaml")
        .doesNotContain("\tat ");
  }

  @Test
  void severalConfigFilesAreMergedAndAProblemInTheMergedConfigExitsWith2() throws Exception {
    Path base = dir.resolve("app-config.yaml");
    Files.writeString(base, "proxy:\n  listen: {port: 0}\n");
    Path local = dir.resolve("app-config.local.yaml");
    Files.writeString(
        local,
        "kubernetes:\n  clusterLocatorMethods:\n    - type: config\n      clusters:\n        - name: a\n");

    assertThat(run("--config", base.toString(), "--config", local.toString())).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "reference-proxy: kubernetes.clusterLocatorMethods[0].clusters[0].url: missing\n");
  }
}
