package io.github.k8sproxyconformance.steps.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many scenarios ended with each outcome.
 *
 * <p>The same four numbers appear on the console, per level in the report and in its summary, so
 * they are counted in one place.
 */
public record Counts(int passed, int failed, int skipped, int unsupported) {

  /** Counts the outcomes of these scenarios. */
  public static Counts of(Collection<ScenarioOutcome> scenarios) {
    int[] byOutcome = new int[Outcome.values().length];
    scenarios.forEach(scenario -> byOutcome[scenario.outcome().ordinal()]++);
    return new Counts(
        byOutcome[Outcome.PASSED.ordinal()],
        byOutcome[Outcome.FAILED.ordinal()],
        byOutcome[Outcome.SKIPPED.ordinal()],
        byOutcome[Outcome.UNSUPPORTED.ordinal()]);
  }

  /** Every scenario counted. */
  public int total() {
    return passed + failed + skipped + unsupported;
  }

  /**
   * The verdict in the style of the Gateway API reports: {@code failure} if anything failed, else
   * {@code partial} if anything was skipped, else {@code success}. Unsupported scenarios are listed
   * but do not lower the verdict: the implementation never claimed them.
   */
  public String result() {
    if (failed > 0) {
      return "failure";
    }
    return skipped > 0 ? "partial" : "success";
  }

  /** The counts keyed by outcome label, in a fixed order, for the report. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(Outcome.PASSED.label(), passed);
    map.put(Outcome.FAILED.label(), failed);
    map.put(Outcome.SKIPPED.label(), skipped);
    map.put(Outcome.UNSUPPORTED.label(), unsupported);
    return map;
  }
}
