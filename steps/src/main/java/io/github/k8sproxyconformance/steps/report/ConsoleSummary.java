package io.github.k8sproxyconformance.steps.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text a run ends with: counts per level, what went wrong or surprised, then one line of
 * counts.
 *
 * <p>The counts line is always last so CI logs and people can find the verdict without scrolling. A
 * failure gets its id, its reason on one line and where its evidence is, not the evidence itself:
 * the HTML report shows what was expected, what came back and what the cluster received. Expected
 * failures are only counted; their reasons are in the report, so the console lists only what needs
 * attention.
 */
public final class ConsoleSummary {

  /**
   * Failures listed one by one; a target that fails most scenarios (not started, wrong profile) has
   * one cause, and a hundred lines would hide the counts.
   */
  static final int LISTED_FAILURES = 20;

  private ConsoleSummary() {}

  /**
   * The summary block: counts per level, unexpected failures, unexpected passes, unusable
   * expectations (if any), then the counts line.
   *
   * @param judged the scenarios, judged by the expectations when there are any
   * @param verdict the verdict of the run
   * @param withExpectations whether an expectations file was given; adds the expected failures to
   *     the counts
   * @param evidence where the evidence of each failure is, as the user would type the path
   */
  public static List<String> lines(
      List<ScenarioOutcome> judged,
      Verdict verdict,
      boolean withExpectations,
      Duration wallTime,
      String profile,
      String evidence) {
    List<String> lines = new ArrayList<>();
    if (verdict.couldNotRun()) {
      lines.add("Conformance run (profile " + profile + ") " + verdict.error().get());
      return lines;
    }
    lines.add("By level:");
    for (String level : ConformanceReport.LEVELS) {
      List<ScenarioOutcome> inLevel =
          judged.stream().filter(scenario -> scenario.tags().contains("@" + level)).toList();
      lines.add(
          String.format(
              Locale.ROOT, "  %-9s %s", level, counts(Counts.of(inLevel), withExpectations)));
    }
    List<ScenarioOutcome> failed =
        judged.stream().filter(scenario -> scenario.outcome() == Outcome.FAILED).toList();
    if (!failed.isEmpty()) {
      lines.add(
          (withExpectations ? "Unexpected failures" : "Failed scenarios")
              + " (evidence of each in "
              + evidence
              + "):");
      failed.stream().limit(LISTED_FAILURES).forEach(scenario -> failure(scenario, lines));
      if (failed.size() > LISTED_FAILURES) {
        lines.add("  ... and " + (failed.size() - LISTED_FAILURES) + " more, in the report");
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

  private static void failure(ScenarioOutcome scenario, List<String> lines) {
    lines.add("  " + scenario.id() + " (" + scenario.location() + ")");
    lines.add("      " + scenario.reason());
  }

  /**
   * {@code N scenarios: x passed, y failed, z skipped, w unsupported (wall time 12.3 s, profile
   * backstage-current)}; with expectations, {@code e expected failures} follows the failed count.
   */
  public static String countsLine(
      Counts counts, boolean withExpectations, Duration wallTime, String profile) {
    return String.format(
        Locale.ROOT,
        "%d scenarios: %s (wall time %.1f s, profile %s)",
        counts.total(),
        counts(counts, withExpectations),
        wallTime.toMillis() / 1000.0,
        profile);
  }

  private static String counts(Counts counts, boolean withExpectations) {
    String expected =
        withExpectations
            ? String.format(Locale.ROOT, ", %d expected failures", counts.expectedFailures())
            : "";
    return String.format(
        Locale.ROOT,
        "%d passed, %d failed%s, %d skipped, %d unsupported",
        counts.passed(),
        counts.failed(),
        expected,
        counts.skipped(),
        counts.unsupported());
  }
}
