package io.github.k8sproxyconformance.steps.report;

import org.opentest4j.TestAbortedException;

/**
 * Aborts a scenario this run does not check, carrying the {@link Outcome} it counts as.
 *
 * <p>Where the decision is made (a tag the run cannot honour, a cluster that is not running) the
 * category is known; the report reads it back from the abort Cucumber hands to its plugins instead
 * of from the wording of the message. The message still starts with the outcome's label, because
 * the reason a report shows is the message.
 */
public final class ScenarioNotChecked extends TestAbortedException {

  private static final long serialVersionUID = 1L;

  private final Outcome outcome;

  private ScenarioNotChecked(Outcome outcome, String why) {
    super(outcome.label() + ": " + why);
    this.outcome = outcome;
  }

  /** The scenario belongs to another profile: it does not apply, and counts as skipped. */
  public static ScenarioNotChecked otherProfile(String why) {
    return new ScenarioNotChecked(Outcome.SKIPPED, why);
  }

  /** This target or environment cannot run the scenario: it counts as unsupported. */
  public static ScenarioNotChecked unsupported(String why) {
    return new ScenarioNotChecked(Outcome.UNSUPPORTED, why);
  }

  /** {@link Outcome#SKIPPED} or {@link Outcome#UNSUPPORTED}. */
  public Outcome outcome() {
    return outcome;
  }
}
