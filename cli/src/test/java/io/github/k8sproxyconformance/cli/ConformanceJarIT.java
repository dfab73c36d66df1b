package io.github.k8sproxyconformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a proxy author runs it: {@code java -jar k8s-proxy-conformance.jar ...} in its
 * own JVM, judged by its exit code and its console.
 */
class ConformanceJarIT {
  private static final String JAR = System.getProperty("cli.jar");

  /** A fixture port range of its own, away from the default 27100 other builds may hold. */
  private static final int BASE_PORT = 27400;

  private static final String FIRST_MATCH =
      "first-located-cluster-wins/Five requests for dup all reach dup-first";

  @TempDir Path dir;

  @Test
  void oneScenarioAgainstTheBundledProxyPassesQuietly() throws Exception {
    Result result =
        java(
            "run",
            "--report-dir",
            dir.toString(),
            "--scenario",
            "missing-cluster-header/A request without the cluster header is answered 404");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("1 scenarios: 1 passed, 0 failed")
        .doesNotContain("WARN")
        .doesNotContain("INFO");
    Path report = dir.resolve("backstage-current/report.yaml");
    assertThat(report).exists();
    assertThat(dir.resolve("backstage-current/report.html")).isNotEmptyFile();
    assertThat(dir.resolve("backstage-current/proxy.log")).isNotEmptyFile();

    Path page = dir.resolve("comparison.md");
    Result compare =
        java("compare", report.toString(), report.toString(), "--format", "md", "--out", "" + page);
    assertThat(compare.exitCode()).as(compare.output()).isZero();
    assertThat(Files.readString(page))
        .contains("A request without the cluster header is answered 404");
  }

  @Test
  void aProxyThatBreaksARuleIsNotConformant() throws Exception {
    Path fixtures = dir.resolve("fixtures");
    Result config =
        java("fixtures", "config", "--out", fixtures.toString(), "--base-port", "" + BASE_PORT);
    assertThat(config.exitCode()).as(config.output()).isZero();
    // the proxy keeps the fixture clusters but refuses duplicate names instead of taking the first
    Path broken =
        Files.writeString(
            dir.resolve("app-config.local.yaml"),
            "proxy:\n  listen: {port: 0}\n  duplicateNames: reject\n");
    Process proxy =
        start(
            "proxy",
            "--config",
            fixtures.resolve("app-config.conformance.yaml").toString(),
            "--config",
            broken.toString());
    try {
      String endpoint = endpointOf(proxy);
      Result result =
          java(
              "run",
              "--proxy-url",
              endpoint,
              "--base-port",
              "" + BASE_PORT,
              "--report-dir",
              dir.resolve("report").toString(),
              "--scenario",
              FIRST_MATCH);

      assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
      assertThat(result.output()).contains("1 scenarios: 0 passed, 1 failed").contains(FIRST_MATCH);
    } finally {
      proxy.destroy();
      proxy.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aProxyThatIsNotRunningIsReportedBeforeAnyScenario() throws Exception {
    int nothing;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nothing = free.getLocalPort();
    }
    Result result =
        java(
            "run",
            "--proxy-url",
            "http://127.0.0.1:" + nothing + "/api/kubernetes/proxy",
            "--base-port",
            "" + BASE_PORT,
            "--report-dir",
            dir.resolve("report").toString());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output()).contains("127.0.0.1:" + nothing).doesNotContain("scenarios:");
  }

  private static String endpointOf(Process proxy) throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8));
    Pattern listening = Pattern.compile("reference-proxy listening on (\\S+)");
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      Matcher matcher = listening.matcher(line);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    throw new IllegalStateException("the proxy did not start");
  }

  private record Result(int exitCode, String output) {}

  private Result java(String... args) throws Exception {
    Process process = start(args);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR);
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
  }
}
