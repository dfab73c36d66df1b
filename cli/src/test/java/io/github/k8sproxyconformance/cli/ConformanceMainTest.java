package io.github.k8sproxyconformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
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

  /**
   * {@code run} sets the harness keys as system properties; each test leaves them as it found them.
   */
  private final Properties before = (Properties) System.getProperties().clone();

  @AfterEach
  void restoreSystemProperties() {
    System.setProperties(before);
  }

  @Test
  void aProxyThatWantsItsOwnCredentialStopsTheRunBeforeAnyScenario() throws Exception {
    Server server = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            Response.writeError(request, response, callback, 401);
            return true;
          }
        });
    server.start();
    try {
      String url = server.getURI().resolve("/api/kubernetes/proxy").toString();
      assertThat(
              run(
                  "run",
                  "--proxy-url",
                  url,
                  "--base-port",
                  "" + freeBlock(),
                  "--report-dir",
                  "" + dir))
          .isEqualTo(2);
      assertThat(err()).startsWith("run: ").contains("--proxy-token");
      assertThat(out()).doesNotContain("scenarios:");
    } finally {
      server.stop();
    }
  }

  @Test
  void aTakenFixturePortStopsTheRunBeforeAnyScenario() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = "" + taken.getLocalPort();
      assertThat(
              run(
                  "run",
                  "--proxy-url",
                  "http://127.0.0.1:1/api/kubernetes/proxy",
                  "--base-port",
                  port,
                  "--report-dir",
                  "" + dir))
          .isEqualTo(2);
      assertThat(err()).startsWith("run: ").contains(port).contains("--base-port");
    }
  }

  /** A first port with the whole topology's ports free after it, at the time of asking. */
  private static int freeBlock() throws Exception {
    for (int base = 30000 + (int) (ProcessHandle.current().pid() % 1000) * 20;
        base < 60000;
        base += 40) {
      if (allFree(base, 40)) {
        return base;
      }
    }
    throw new IllegalStateException("no block of free ports");
  }

  private static boolean allFree(int base, int count) {
    for (int port = base; port < base + count; port++) {
      try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        // free
      } catch (java.io.IOException e) {
        return false;
      }
    }
    return true;
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
