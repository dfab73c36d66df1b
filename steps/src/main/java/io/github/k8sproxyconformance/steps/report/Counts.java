package io.github.k8sproxyconformance.steps.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many scenarios ended with each outcome.
 *
 * <p>The same numbers appear on the console, per level in the report and in its summary, so they
 * are counted in one place.
 */
public record Counts(int passed, int failed, int expectedFailures, int skipped, int unsupported) {

  /** Counts the outcomes of these scenarios. */
  public static Counts of(Collection<ScenarioOutcome> scenarios) {
    int[] byOutcome = new int[Outcome.values().length];
    scenarios.forEach(scenario -> byOutcome[scenario.outcome().ordinal()]++);
    return new Counts(
        byOutcome[Outcome.PASSED.ordinal()],
        byOutcome[Outcome.FAILED.ordinal()],
        byOutcome[Outcome.EXPECTED_FAILURE.ordinal()],
        byOutcome[Outcome.SKIPPED.ordinal()],
        byOutcome[Outcome.UNSUPPORTED.ordinal()]);
  }

  /** Every scenario counted. */
  public int total() {
    return passed + failed + expectedFailures + skipped + unsupported;
  }

  /**
   * The verdict in the style of the Gateway API reports: {@code failure} if anything failed
   * unexpectedly, else {@code partial} if anything was skipped or failed as expected, else {@code
   * success}. Unsupported scenarios are listed but do not lower the verdict: the implementation
   * never claimed them. Expected failures do: they are still places where the contract is not met.
   */
  public String result() {
    if (failed > 0) {
      return "failure";
    }
    return skipped > 0 || expectedFailures > 0 ? "partial" : "success";
  }

  /** The counts keyed by outcome label, in a fixed order, for the report. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(Outcome.PASSED.label(), passed);
    map.put(Outcome.FAILED.label(), failed);
    map.put(Outcome.EXPECTED_FAILURE.label(), expectedFailures);
    map.put(Outcome.SKIPPED.label(), skipped);
    map.put(Outcome.UNSUPPORTED.label(), unsupported);
    return map;
  }
}
