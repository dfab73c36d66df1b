package io.github.k8sproxyconformance.steps.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.target.Harness;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the run's settings at the start and its verdict at the end, and writes {@code <report
 * dir>/<profile>/report.yaml} and {@code summary.txt}.
 *
 * <p>Registered through {@code cucumber.plugin}. Cucumber's own outputs say which steps failed;
 * this one answers the questions a conformance run is for: what was tested with which settings, and
 * how many scenarios passed, failed, were skipped or are unsupported. The report is written when
 * the run finishes, failed or not. It never starts the harness: the target URL comes from a harness
 * the scenarios started, if any.
 */
public final class SummaryPlugin implements ConcurrentEventListener {

  private final PrintStream out;
  private final List<ScenarioOutcome> scenarios = new ArrayList<>();
  private Instant startedAt = Instant.now();

  /** The plugin Cucumber creates; it prints to standard output like Cucumber's summary plugin. */
  public SummaryPlugin() {
    this(System.out);
  }

  SummaryPlugin(PrintStream out) {
    this.out = out;
  }

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestRunStarted.class, this::started);
    publisher.registerHandlerFor(TestCaseFinished.class, this::scenarioFinished);
    publisher.registerHandlerFor(TestRunFinished.class, this::finished);
  }

  private synchronized void started(TestRunStarted event) {
    startedAt = event.getInstant();
    try {
      HarnessConfig config = HarnessConfig.fromEnvironment();
      out.println("Conformance run, effective configuration:");
      config.effective().forEach((key, value) -> out.println("  " + key + " = " + value));
    } catch (IllegalArgumentException e) {
      out.println("Conformance run with an invalid configuration: " + e.getMessage());
    }
  }

  private synchronized void scenarioFinished(TestCaseFinished event) {
    scenarios.add(ScenarioOutcome.of(event.getTestCase(), event.getResult()));
  }

  private synchronized void finished(TestRunFinished event) {
    Duration wallTime = Duration.between(startedAt, event.getInstant());
    HarnessConfig config;
    try {
      config = HarnessConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      ConsoleSummary.lines(scenarios, wallTime, "unknown (invalid configuration)")
          .forEach(out::println);
      return;
    }
    List<String> summary = ConsoleSummary.lines(scenarios, wallTime, config.profile().id());
    Path dir = config.reportDir().resolve(config.profile().id());
    try {
      Files.createDirectories(dir);
      Path report = Files.writeString(dir.resolve("report.yaml"), report(config, event, wallTime));
      Files.write(dir.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
      out.println("Conformance report: " + report.toAbsolutePath());
    } catch (IOException e) {
      out.println("Conformance report not written to " + dir.toAbsolutePath() + ": " + e);
    }
    summary.forEach(out::println);
  }

  private String report(HarnessConfig config, TestRunFinished event, Duration wallTime) {
    String url =
        Harness.started()
            .map(harness -> harness.standardTarget().endpoint().toString())
            .or(() -> config.proxyUrl().map(Object::toString))
            .orElse("(bundled reference proxy, not started)");
    Map<String, String> options = config.effective();
    return new ConformanceReport(
            event.getInstant(),
            config.bundled() ? "bundled" : "external",
            url,
            config.profile().id(),
            config.bundled() ? "reference-proxy" : "unspecified",
            options,
            wallTime,
            scenarios)
        .toYaml();
  }
}
