package io.github.k8sproxyconformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConformanceMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ConformanceMain.execute(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "run", "fixtures", "fixtures serve", "fixtures config", "proxy"})
  void everyCommandHasHelp(String command) {
    String[] words = command.isEmpty() ? new String[0] : command.split(" ");
    String[] args = java.util.Arrays.copyOf(words, words.length + 1);
    args[words.length] = "--help";

    assertThat(run(args)).isZero();
    assertThat(out()).startsWith("Usage: k8s-proxy-conformance" + (command.isEmpty() ? "" : " "));
  }

  @Test
  void versionIsTheProjectVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out().strip()).matches("k8s-proxy-conformance \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void noCommandOrABadOptionCannotRun() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).startsWith("missing command");
    err.reset();
    assertThat(run("run", "--bogus")).isEqualTo(2);
    assertThat(err()).startsWith("Unknown option: '--bogus'");
    err.reset();
    assertThat(run("run", "--base-port", "many")).isEqualTo(2);
    assertThat(err()).contains("--base-port");
  }

  @Test
  void aBadHarnessValueIsNamedByItsKey() {
    assertThat(run("run", "--profile", "nope", "--report-dir", dir.toString())).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "run: invalid conformance.profile (CONFORMANCE_PROFILE) 'nope': expected one of"
                + " backstage-current, backstage-1.9\n");
  }

  @Test
  void anUnreadableExpectationsFileCannotRun() {
    Path missing = dir.resolve("missing.yaml");

    assertThat(run("run", "--expectations", missing.toString(), "--report-dir", dir.toString()))
        .isEqualTo(2);
    assertThat(err()).isEqualTo("run: cannot read the expectations file " + missing + "\n");
  }

  @Test
  void runOptionsBecomeTheHarnessKeys() {
    RunCommand command = new RunCommand(System.out, System.err);
    new picocli.CommandLine(command)
        .parseArgs(
            "--proxy-url=http://127.0.0.1:7007/api/kubernetes/proxy",
            "--profile=backstage-1.9",
            "--kube=off",
            "--base-port=27200",
            "--advertised-host=proxy-host",
            "--report-dir=" + dir,
            "--proxy-token=secret",
            "--implementation=mine",
            "--expectations=" + dir.resolve("e.yaml"));

    assertThat(command.harnessSettings())
        .containsEntry("conformance.proxy.url", "http://127.0.0.1:7007/api/kubernetes/proxy")
        .containsEntry("conformance.profile", "backstage-1.9")
        .containsEntry("conformance.kube", "off")
        .containsEntry("conformance.fixtures.base-port", "27200")
        .containsEntry("conformance.fixtures.advertised-host", "proxy-host")
        .containsEntry("conformance.report.dir", dir.toAbsolutePath().toString())
        .containsEntry("conformance.proxy.token", "secret")
        .containsEntry("conformance.implementation", "mine")
        .containsEntry("conformance.expectations", dir.resolve("e.yaml").toString());
  }

  @Test
  void fixturesRefusesABadKubeModeOrPort() {
    assertThat(run("fixtures", "config", "--kube", "docker")).isEqualTo(2);
    assertThat(err()).contains("'docker': expected one of");
    err.reset();
    assertThat(run("fixtures", "config", "--base-port", "70000")).isEqualTo(2);
    assertThat(err()).contains("expected an integer from 0 to 65000");
  }

  @Test
  void proxyNeedsAConfigAndRefusesABadOne() throws Exception {
    assertThat(run("proxy")).isEqualTo(2);
    assertThat(err()).startsWith("Missing required option: '--config=FILE'");
    err.reset();
    Path config = Files.writeString(dir.resolve("app-config.yaml"), "proxy: [\n");
    assertThat(run("proxy", "--config", config.toString())).isEqualTo(2);
    assertThat(err()).startsWith("reference-proxy: (document): malformed YAML");
  }

  @Test
  void compareNeedsReadableReports() {
    assertThat(run("compare")).isEqualTo(2);
    err.reset();
    assertThat(run("compare", dir.resolve("none.yaml").toString())).isEqualTo(2);
    assertThat(err()).startsWith("compare: cannot read");
    err.reset();
  }

  @Test
  void compareNamesAFileThatIsNoReport() throws Exception {
    Path notAReport = Files.writeString(dir.resolve("other.yaml"), "kind: Something\n");
    assertThat(run("compare", notAReport.toString())).isEqualTo(2);
    assertThat(err()).startsWith("compare: ").contains("is not a conformance report");
  }
}
