package io.github.k8sproxyconformance.steps.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.proxy.Harness;
import io.github.k8sproxyconformance.steps.proxy.ProxyLog;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
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
 * Owns the console of a run: its settings at the start, its {@link Progress} while it goes, its
 * summary and verdict at the end; writes {@code <report dir>/<profile>/report.yaml} and {@code
 * summary.txt}; judges the scenarios by the expectations file when one is given, and leaves the
 * run's {@link Verdict} for the build. What the proxy and the clusters log goes to {@code
 * proxy.log} in the same folder, not to the console.
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
  private final boolean terminal;
  private final List<ScenarioOutcome> scenarios = new ArrayList<>();
  private final ScenarioAttachments attachments = new ScenarioAttachments();
  private Progress progress;
  private Instant startedAt = Instant.now();
  private Optional<Expectations> expectations = Optional.empty();
  private Optional<String> expectationsError = Optional.empty();

  /** The plugin Cucumber creates; it prints to standard output like Cucumber's summary plugin. */
  public SummaryPlugin() {
    this(System.out, consoleIsTerminal());
  }

  SummaryPlugin(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
    this.progress = new Progress(out, terminal, PlannedScenarios::count);
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
    // the test plan is complete before the run starts, so the count is known by now
    progress = new Progress(out, terminal, PlannedScenarios::count);
    try {
      HarnessConfig config = HarnessConfig.fromEnvironment();
      out.println("Conformance run, effective configuration:");
      config.effective().forEach((key, value) -> out.println("  " + key + " = " + value));
      config.expectations().ifPresent(this::loadExpectations);
      routeLog(ReportFiles.ofThisRun(config).log());
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

  /** The log goes to a file; if it cannot, it stays on standard error, where it always was. */
  private void routeLog(Path file) {
    try {
      ProxyLog.routeTo(file);
      out.println("Log of the proxy and the clusters: " + ReportFiles.shown(file));
    } catch (IOException | IllegalStateException e) {
      out.println(
          "The log of the proxy and the clusters stays on standard error: " + e.getMessage());
    }
  }

  private synchronized void scenarioFinished(TestCaseFinished event) {
    List<EvidenceText> attached = attachments.take(event.getTestCase());
    ScenarioOutcome scenario =
        ScenarioOutcome.of(event.getTestCase(), event.getResult()).withAttachments(attached);
    scenarios.add(scenario);
    Outcome judged = expectations.map(scenario::judgedBy).orElse(scenario).outcome();
    progress.scenarioFinished(scenario.feature(), judged == Outcome.FAILED);
  }

  private synchronized void finished(TestRunFinished event) {
    progress.finish();
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
      writeVerdict(verdict, "invalid configuration: " + e.getMessage());
      ConsoleSummary.lines(
              scenarios, verdict, false, wallTime, "unknown (invalid configuration)", "the report")
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
    boolean withExpectations = config.expectations().isPresent();
    ReportFiles files = ReportFiles.ofThisRun(config);
    List<String> summary =
        ConsoleSummary.lines(
            judged,
            verdict,
            withExpectations,
            wallTime,
            config.profile().id(),
            ReportFiles.shown(files.page()));
    writeVerdict(verdict, summary.get(summary.size() - 1));
    try {
      Files.createDirectories(files.folder());
      ConformanceReport report = report(config, event, wallTime, judged, verdict);
      Files.writeString(files.report(), report.toYaml());
      Files.writeString(files.page(), ReportPage.html(report));
      Files.write(files.summary(), summary, StandardCharsets.UTF_8);
      out.println("Conformance report: " + ReportFiles.shown(files.page()));
    } catch (IOException e) {
      out.println(
          "Conformance report not written to " + files.folder().toAbsolutePath() + ": " + e);
    }
    summary.forEach(out::println);
  }

  /**
   * Whether standard output is a terminal, where a progress line can be rewritten in place. From
   * Java 22 a console exists even when output is redirected, and {@code isTerminal} tells.
   */
  private static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /** Leaves the verdict where the build's verdict check looks for it, when the build asks. */
  private void writeVerdict(Verdict verdict, String countsLine) {
    String file = System.getProperty(VERDICT_FILE);
    if (file != null && !file.isBlank()) {
      verdict.write(Path.of(file), countsLine);
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
