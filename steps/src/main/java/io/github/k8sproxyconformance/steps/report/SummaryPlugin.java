package io.github.k8sproxyconformance.steps.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers what a run produces and hands it to the outputs of the run: the settings at the start
 * ({@link RunSetup}), the {@link Progress} while it goes, and at the end the expectations verdict
 * ({@link JudgedRun}), the {@link VerdictFile} for the build, the files of the {@link ReportFolder}
 * and the {@link ConsoleSummary}. What the proxy and the clusters log goes to {@code proxy.log} in
 * the report folder, not to the console.
 *
 * <p>Registered through {@code cucumber.plugin}. Cucumber's own outputs say which steps failed;
 * this one answers the questions a conformance run is for: what was tested with which settings, and
 * how many scenarios passed, failed, were skipped or are unsupported. The outputs are written when
 * the run finishes, failed or not. It never starts the harness: the target URL comes from a harness
 * the scenarios started, if any.
 */
public final class SummaryPlugin implements ConcurrentEventListener {

  private final PrintStream out;
  private final boolean terminal;
  private final List<ScenarioOutcome> scenarios = new ArrayList<>();
  private final ScenarioAttachments attachments = new ScenarioAttachments();
  private Progress progress;
  private Instant startedAt = Instant.now();
  private RunSetup setup = RunSetup.NONE;

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
    setup = RunSetup.announce(out);
  }

  private synchronized void scenarioFinished(TestCaseFinished event) {
    List<EvidenceText> attached = attachments.take(event.getTestCase());
    ScenarioOutcome scenario =
        ScenarioOutcome.of(event.getTestCase(), event.getResult()).withAttachments(attached);
    scenarios.add(scenario);
    progress.scenarioFinished(scenario.feature(), setup.judged(scenario) == Outcome.FAILED);
  }

  private synchronized void finished(TestRunFinished event) {
    progress.finish();
    Duration wallTime = Duration.between(startedAt, event.getInstant());
    HarnessConfig config;
    try {
      config = HarnessConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      JudgedRun run = JudgedRun.ofInvalidConfiguration(scenarios, e.getMessage());
      VerdictFile.writeIfAsked(run.verdict(), "invalid configuration: " + e.getMessage());
      ConsoleSummary.lines(
              run.scenarios(),
              run.verdict(),
              false,
              wallTime,
              "unknown (invalid configuration)",
              "the report")
          .forEach(out::println);
      return;
    }
    JudgedRun run =
        JudgedRun.of(config, scenarios, setup, Optional.ofNullable(event.getResult().getError()));
    List<String> summary =
        ConsoleSummary.lines(
            run.scenarios(),
            run.verdict(),
            config.expectations().isPresent(),
            wallTime,
            config.profile().id(),
            ReportFiles.shown(ReportFiles.ofThisRun(config).page()));
    VerdictFile.writeIfAsked(run.verdict(), summary.get(summary.size() - 1));
    ReportFolder.write(config, event.getInstant(), wallTime, run, summary, out);
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
}
