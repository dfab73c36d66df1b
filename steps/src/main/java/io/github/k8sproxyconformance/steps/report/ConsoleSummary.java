package io.github.k8sproxyconformance.steps.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text a run ends with: what went wrong or surprised, then one line of counts.
 *
 * <p>The counts line is always last so CI logs and people can find the verdict without scrolling
 * through Cucumber's and Maven's output. Expected failures are only counted there; their reasons
 * are in the report, so the console lists only what needs attention.
 */
public final class ConsoleSummary {

  private ConsoleSummary() {}

  /**
   * The summary block: unexpected failures, unexpected passes, unusable expectations (if any), then
   * the counts line.
   *
   * @param judged the scenarios, judged by the expectations when there are any
   * @param verdict the verdict of the run
   * @param withExpectations whether an expectations file was given; adds the expected failures to
   *     the counts line
   */
  public static List<String> lines(
      List<ScenarioOutcome> judged,
      Verdict verdict,
      boolean withExpectations,
      Duration wallTime,
      String profile) {
    List<String> lines = new ArrayList<>();
    if (verdict.couldNotRun()) {
      lines.add("Conformance run (profile " + profile + ") " + verdict.error().get());
      return lines;
    }
    List<ScenarioOutcome> failed =
        judged.stream().filter(scenario -> scenario.outcome() == Outcome.FAILED).toList();
    if (!failed.isEmpty()) {
      lines.add(withExpectations ? "Unexpected failures:" : "Failed scenarios:");
      for (ScenarioOutcome scenario : failed) {
        lines.add("  " + scenario.id() + " (" + scenario.location() + ")");
        lines.add("      " + scenario.reason());
      }
    }
    List<ScenarioOutcome> surprises =
        judged.stream().filter(ScenarioOutcome::unexpectedPass).toList();
    if (!surprises.isEmpty()) {
      lines.add("Unexpected passes (the expectations list them as failing; remove the entries):");
      surprises.forEach(scenario -> lines.add("  " + scenario.id()));
    }
    if (!verdict.unmatchedExpectations().isEmpty()) {
      lines.add("Expectations that name no scenario (a typo or a renamed scenario):");
      verdict.unmatchedExpectations().forEach(id -> lines.add("  " + id));
    }
    verdict.error().ifPresent(error -> lines.add("Expectations not applied: " + error));
    lines.add(countsLine(Counts.of(judged), withExpectations, wallTime, profile));
    return lines;
  }

  /**
   * {@code N scenarios: x passed, y failed, z skipped, w unsupported (wall time 12.3 s, profile
   * backstage-current)}; with expectations, {@code e expected failures} follows the failed count.
   */
  public static String countsLine(
      Counts counts, boolean withExpectations, Duration wallTime, String profile) {
    String expected =
        withExpectations
            ? String.format(Locale.ROOT, ", %d expected failures", counts.expectedFailures())
            : "";
    return String.format(
        Locale.ROOT,
        "%d scenarios: %d passed, %d failed%s, %d skipped, %d unsupported"
            + " (wall time %.1f s, profile %s)",
        counts.total(),
        counts.passed(),
        counts.failed(),
        expected,
        counts.skipped(),
        counts.unsupported(),
        wallTime.toMillis() / 1000.0,
        profile);
  }
}
