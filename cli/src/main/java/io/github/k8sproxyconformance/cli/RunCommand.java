package io.github.k8sproxyconformance.cli;

import io.github.k8sproxyconformance.fixtures.topology.StandardTopology;
import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.preflight.Preflight;
import io.github.k8sproxyconformance.steps.preflight.PreflightProblem;
import io.github.k8sproxyconformance.steps.proxy.ProxyLog;
import io.github.k8sproxyconformance.steps.report.Verdict;
import io.github.k8sproxyconformance.steps.report.VerdictFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: the suite against one proxy, in this JVM, ending with a verdict and an exit code.
 *
 * <p>The harness reads its settings from system properties once, when the first scenario starts;
 * every option is one of its keys, set here before that happens, so the jar and the Maven build run
 * the same code with the same settings.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description = {
      "Runs the conformance suite against a proxy (the bundled reference proxy by default).",
      "Exit codes: 0 conformant (expected failures allowed), 1 not conformant, 2 could not run."
    })
final class RunCommand implements Callable<Integer> {

  @Option(
      names = "--proxy-url",
      paramLabel = "URL",
      description =
          "The proxy endpoint, e.g. http://127.0.0.1:7007/api/kubernetes/proxy. Default: the"
              + " bundled reference proxy.")
  String proxyUrl;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description = "The contract: backstage-current (default) or backstage-1.9.")
  String profile;

  @Option(
      names = "--expectations",
      paramLabel = "FILE",
      description = "Scenarios known to fail for this implementation, with their reasons.")
  Path expectations;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description =
          "Where report.yaml, junit.xml, the Cucumber reports and the log go, in a folder per"
              + " profile. Default: ${DEFAULT-VALUE}.")
  Path reportDir = Path.of("conformance-report");

  @Option(
      names = "--proxy-token",
      paramLabel = "TOKEN",
      description = "A credential for the proxy's own authentication, sent as Authorization.")
  String proxyToken;

  @Option(
      names = "--kube",
      paramLabel = "MODE",
      description = "Kubernetes API clusters: embedded (default), k3s (needs Docker) or off.")
  String kube;

  @Option(
      names = "--base-port",
      paramLabel = "N",
      description =
          "First fixture port. Default: any free ports bundled, "
              + StandardTopology.DEFAULT_BASE_PORT
              + " with --proxy-url.")
  Integer basePort;

  @Option(
      names = "--advertised-host",
      paramLabel = "HOST",
      description = "The host name the proxy uses to reach the fixtures. Default: 127.0.0.1.")
  String advertisedHost;

  @Option(
      names = "--implementation",
      paramLabel = "NAME",
      description = "What the report names as the implementation tested.")
  String implementation;

  @Option(
      names = "--tags",
      paramLabel = "EXPR",
      description =
          "Only scenarios matching this Cucumber tag expression, e.g. '@core and not @kube-api'.")
  String tags;

  @Option(
      names = "--scenario",
      paramLabel = "ID",
      description =
          "Only this scenario, by its id in report.yaml: <feature file name>/<scenario name>."
              + " Repeatable.")
  List<String> scenarios = new ArrayList<>();

  private final PrintStream out;
  private final PrintStream err;

  RunCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    HarnessConfig config;
    try {
      harnessSettings().forEach(System::setProperty);
      config = HarnessConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      return couldNotRun(e.getMessage());
    }
    if (expectations != null && !Files.isReadable(expectations)) {
      return couldNotRun("cannot read the expectations file " + expectations.toAbsolutePath());
    }
    Path runDir = config.reportDir().resolve(config.profile().id()).toAbsolutePath();
    Path verdictFile = runDir.resolve("verdict.yaml");
    try {
      Files.createDirectories(runDir);
      Files.deleteIfExists(verdictFile);
      ProxyLog.routeTo(runDir.resolve("proxy.log"));
    } catch (java.io.IOException | RuntimeException e) {
      return couldNotRun("cannot write to the report directory " + runDir + ": " + e);
    }
    Optional<String> problem = preflight(config);
    if (problem.isPresent()) {
      return couldNotRun(problem.get());
    }
    System.setProperty(VerdictFile.PROPERTY, verdictFile.toString());
    SuiteLauncher.Outcome outcome =
        new SuiteLauncher(runDir, Optional.ofNullable(tags), scenarios).run();
    if (!outcome.unknownScenarios().isEmpty()) {
      return couldNotRun(
          "no scenario with the id "
              + String.join(", ", outcome.unknownScenarios())
              + " (ids are <feature file name>/<scenario name>, as in report.yaml)");
    }
    if (outcome.scenariosRun() == 0) {
      return couldNotRun("no scenario matches the selection");
    }
    if (!Files.isRegularFile(verdictFile)) {
      return couldNotRun("the run did not finish; see " + runDir.resolve("proxy.log"));
    }
    return Verdict.read(verdictFile).passed() ? ExitCode.CONFORMANT : ExitCode.NOT_CONFORMANT;
  }

  /**
   * The preflight, before any scenario: an unreachable proxy, one that does not know the fixture
   * clusters, speaks the other profile, wants its own credential, or a fixture port that is taken,
   * each reported as one instruction. Notes that do not stop the run are printed by the suite's own
   * before-all hook, whose check then finds these settings passed.
   *
   * @return why the run cannot start; empty when it can
   */
  private Optional<String> preflight(HarnessConfig config) {
    return Preflight.check(config).map(PreflightProblem::message);
  }

  /** The harness keys the options set; options not given leave the harness default. */
  Map<String, String> harnessSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    put(settings, HarnessConfig.PROXY_URL, proxyUrl);
    put(settings, HarnessConfig.PROFILE, profile);
    put(settings, HarnessConfig.KUBE, kube);
    put(settings, HarnessConfig.BASE_PORT, basePort == null ? null : basePort.toString());
    put(settings, HarnessConfig.ADVERTISED_HOST, advertisedHost);
    put(settings, HarnessConfig.REPORT_DIR, reportDir.toAbsolutePath().toString());
    put(settings, HarnessConfig.PROXY_TOKEN, proxyToken);
    put(settings, HarnessConfig.IMPLEMENTATION, implementation);
    put(
        settings,
        HarnessConfig.EXPECTATIONS,
        expectations == null ? null : expectations.toAbsolutePath().toString());
    return settings;
  }

  private static void put(Map<String, String> settings, String key, String value) {
    if (value != null) {
      settings.put(key, value);
    }
  }

  private int couldNotRun(String message) {
    err.println("run: " + message);
    return ExitCode.COULD_NOT_RUN;
  }
}
