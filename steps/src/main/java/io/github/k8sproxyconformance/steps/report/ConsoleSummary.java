package io.github.k8sproxyconformance.steps.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text a run ends with: the failed scenarios, then one line of counts.
 *
 * <p>The counts line is always last so CI logs and people can find the verdict without scrolling
 * through Cucumber's and Maven's output.
 */
public final class ConsoleSummary {

  private ConsoleSummary() {}

  /** The summary block: failures (if any) then the counts line. */
  public static List<String> lines(
      List<ScenarioOutcome> scenarios, Duration wallTime, String profile) {
    List<String> lines = new ArrayList<>();
    List<ScenarioOutcome> failed =
        scenarios.stream().filter(scenario -> scenario.outcome() == Outcome.FAILED).toList();
    if (!failed.isEmpty()) {
      lines.add("Failed scenarios:");
      for (ScenarioOutcome scenario : failed) {
        lines.add("  " + scenario.id() + " (" + scenario.location() + ")");
        lines.add("      " + scenario.reason());
      }
    }
    lines.add(countsLine(Counts.of(scenarios), wallTime, profile));
    return lines;
  }

  /**
   * {@code N scenarios: x passed, y failed, z skipped, w unsupported (wall time 12.3 s, profile
   * backstage-current)}.
   */
  public static String countsLine(Counts counts, Duration wallTime, String profile) {
    return String.format(
        Locale.ROOT,
        "%d scenarios: %d passed, %d failed, %d skipped, %d unsupported"
            + " (wall time %.1f s, profile %s)",
        counts.total(),
        counts.passed(),
        counts.failed(),
        counts.skipped(),
        counts.unsupported(),
        wallTime.toMillis() / 1000.0,
        profile);
  }
}
