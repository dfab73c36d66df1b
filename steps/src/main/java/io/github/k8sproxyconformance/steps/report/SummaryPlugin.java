package io.github.k8sproxyconformance.steps.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EmbedEvent;
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
import java.util.Optional;

/**
 * Prints the run's settings at the start and its verdict at the end, and writes {@code <report
 * dir>/<profile>/report.yaml} and {@code summary.txt}; judges the scenarios by the expectations
 * file when one is given, and leaves the run's {@link Verdict} for the build.
 *
 * <p>Registered through {@code cucumber.plugin}. Cucumber's own outputs say which steps failed;
 * this one answers the questions a conformance run is for: what was tested with which settings, and
 * how many scenarios passed, failed, were skipped or are unsupported. The report is written when
 * the run finishes, failed or not. It never starts the harness: the target URL comes from a harness
 * the scenarios started, if any.
 */
public final class SummaryPlugin implements ConcurrentEventListener {

  /**
   * Not a setting: where the build wants this run's {@link Verdict}, set per Failsafe execution by
   * {@code steps/pom.xml} and read back by {@link VerdictCheck}.
   */
  public static final String VERDICT_FILE = "conformance.verdict.file";

  private final PrintStream out;
  private final List<ScenarioOutcome> scenarios = new ArrayList<>();
  private final ScenarioAttachments attachments = new ScenarioAttachments();
  private Instant startedAt = Instant.now();
  private Optional<Expectations> expectations = Optional.empty();
  private Optional<String> expectationsError = Optional.empty();

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
    publisher.registerHandlerFor(EmbedEvent.class, attachments::add);
    publisher.registerHandlerFor(TestCaseFinished.class, this::scenarioFinished);
    publisher.registerHandlerFor(TestRunFinished.class, this::finished);
  }

  private synchronized void started(TestRunStarted event) {
    startedAt = event.getInstant();
    try {
      HarnessConfig config = HarnessConfig.fromEnvironment();
      out.println("Conformance run, effective configuration:");
      config.effective().forEach((key, value) -> out.println("  " + key + " = " + value));
      config.expectations().ifPresent(this::loadExpectations);
    } catch (IllegalArgumentException e) {
      out.println("Conformance run with an invalid configuration: " + e.getMessage());
    }
  }

  private void loadExpectations(Path file) {
    try {
      expectations = Optional.of(Expectations.load(file));
      out.println(
          "Expectations: "
              + expectations.get().reasons().size()
              + " scenarios known to fail, from "
              + file.toAbsolutePath());
    } catch (IllegalArgumentException e) {
      expectationsError = Optional.of(e.getMessage());
      out.println("Expectations not applied: " + e.getMessage());
    }
  }

  private synchronized void scenarioFinished(TestCaseFinished event) {
    List<EvidenceText> attached = attachments.take(event.getTestCase());
    scenarios.add(
        ScenarioOutcome.of(event.getTestCase(), event.getResult()).withAttachments(attached));
  }

  private synchronized void finished(TestRunFinished event) {
    Duration wallTime = Duration.between(startedAt, event.getInstant());
    HarnessConfig config;
    try {
      config = HarnessConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      Verdict verdict =
          Verdict.of(
              "unknown",
              scenarios,
              List.of(),
              Optional.of("invalid configuration: " + e.getMessage()));
      writeVerdict(verdict);
      ConsoleSummary.lines(scenarios, verdict, false, wallTime, "unknown (invalid configuration)")
          .forEach(out::println);
      return;
    }
    // the glue masks the proxy token already; masking again keeps a slip out of report.html
    List<ScenarioOutcome> masked =
        scenarios.stream()
            .map(scenario -> scenario.withEvidenceMasked(config.proxyToken()))
            .toList();
    List<ScenarioOutcome> judged =
        expectations
            .map(known -> masked.stream().map(scenario -> scenario.judgedBy(known)).toList())
            .orElse(masked);
    List<String> unmatched =
        expectations
            .map(known -> known.unmatched(scenarios.stream().map(ScenarioOutcome::id).toList()))
            .orElse(List.of());
    Optional<Throwable> runError = Optional.ofNullable(event.getResult().getError());
    // a run that failed before any scenario (a before-all hook: the preflight) tested nothing
    Verdict verdict =
        runError.isPresent() && scenarios.isEmpty()
            ? Verdict.couldNotRun(
                config.profile().id(), String.valueOf(runError.get().getMessage()))
            : Verdict.of(config.profile().id(), judged, unmatched, expectationsError);
    writeVerdict(verdict);
    boolean withExpectations = config.expectations().isPresent();
    List<String> summary =
        ConsoleSummary.lines(judged, verdict, withExpectations, wallTime, config.profile().id());
    Path dir = config.reportDir().resolve(config.profile().id());
    try {
      Files.createDirectories(dir);
      ConformanceReport report = report(config, event, wallTime, judged, verdict);
      Path yaml = Files.writeString(dir.resolve("report.yaml"), report.toYaml());
      Files.writeString(dir.resolve("report.html"), ReportPage.html(report));
      Files.write(dir.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
      out.println("Conformance report: " + yaml.toAbsolutePath());
    } catch (IOException e) {
      out.println("Conformance report not written to " + dir.toAbsolutePath() + ": " + e);
    }
    summary.forEach(out::println);
  }

  /** Leaves the verdict where the build's verdict check looks for it, when the build asks. */
  private void writeVerdict(Verdict verdict) {
    String file = System.getProperty(VERDICT_FILE);
    if (file != null && !file.isBlank()) {
      verdict.write(Path.of(file));
    }
  }

  private ConformanceReport report(
      HarnessConfig config,
      TestRunFinished event,
      Duration wallTime,
      List<ScenarioOutcome> judged,
      Verdict verdict) {
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
        config.implementation(),
        options,
        wallTime,
        judged,
        config.expectations().map(file -> file.toAbsolutePath().toString()),
        verdict);
  }
}
