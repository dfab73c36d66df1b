package io.github.k8sproxyconformance.steps.report;

import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import java.util.List;
import java.util.Optional;

/**
 * The expectations verdict of a finished run: its scenarios as the expectations see them, and
 * whether the run lets the build pass.
 *
 * <p>Every output of the run (console, report, verdict file) reports this one judgement, so it is
 * made once, before any of them is written.
 *
 * @param scenarios every scenario, its evidence masked and judged by the expectations if any
 * @param verdict the verdict of the run
 */
record JudgedRun(List<ScenarioOutcome> scenarios, Verdict verdict) {

  JudgedRun {
    scenarios = List.copyOf(scenarios);
  }

  /**
   * Judges the finished scenarios.
   *
   * @param runError what ended the run, if it failed outside a scenario (a before-all hook)
   */
  static JudgedRun of(
      HarnessConfig config,
      List<ScenarioOutcome> finished,
      RunSetup setup,
      Optional<Throwable> runError) {
    // the glue masks the proxy token already; masking again keeps a slip out of report.html
    List<ScenarioOutcome> masked =
        finished.stream()
            .map(scenario -> scenario.withEvidenceMasked(config.proxyToken()))
            .toList();
    List<ScenarioOutcome> judged =
        setup
            .expectations()
            .map(known -> masked.stream().map(scenario -> scenario.judgedBy(known)).toList())
            .orElse(masked);
    List<String> unmatched =
        setup
            .expectations()
            .map(known -> known.unmatched(finished.stream().map(ScenarioOutcome::id).toList()))
            .orElse(List.of());
    // a run that failed before any scenario (a before-all hook: the preflight) tested nothing
    Verdict verdict =
        runError.isPresent() && finished.isEmpty()
            ? Verdict.couldNotRun(
                config.profile().id(), String.valueOf(runError.get().getMessage()))
            : Verdict.of(config.profile().id(), judged, unmatched, setup.expectationsError());
    return new JudgedRun(judged, verdict);
  }

  /** A run whose settings cannot be read: nothing to judge by, and a verdict that fails. */
  static JudgedRun ofInvalidConfiguration(List<ScenarioOutcome> finished, String problem) {
    return new JudgedRun(
        finished,
        Verdict.of(
            "unknown", finished, List.of(), Optional.of("invalid configuration: " + problem)));
  }
}
