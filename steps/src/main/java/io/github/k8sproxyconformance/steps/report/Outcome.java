package io.github.k8sproxyconformance.steps.report;

import io.cucumber.plugin.event.Status;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a scenario's run says about the implementation.
 *
 * <p>Cucumber knows seven statuses; a conformance verdict needs four, plus one for failures an
 * expectations file excuses. Undefined, ambiguous and pending steps are failures (a suite that
 * cannot check a rule must not pass it), and an abort that says it is unsupported ({@link
 * ScenarioNotChecked}) is kept apart from a plain skip, because "cannot be checked here" and "does
 * not apply" mean different things to a reader of the report.
 */
public enum Outcome {
  PASSED,
  FAILED,
  /** Failed, and listed in the expectations file as known to fail for this implementation. */
  EXPECTED_FAILURE,
  SKIPPED,
  UNSUPPORTED;

  /** The outcome of a scenario that finished with {@code status} and {@code error}. */
  public static Outcome of(Status status, Throwable error) {
    return switch (status) {
      case PASSED -> PASSED;
      case SKIPPED, UNUSED ->
          error instanceof ScenarioNotChecked notChecked ? notChecked.outcome() : SKIPPED;
      case FAILED, UNDEFINED, AMBIGUOUS, PENDING -> FAILED;
    };
  }

  /** The lower-case name used in the report and the console, e.g. {@code expected-failure}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The outcome with the label, as read from a report; empty for an unknown label. */
  public static Optional<Outcome> ofLabel(String label) {
    return Arrays.stream(values()).filter(outcome -> outcome.label().equals(label)).findFirst();
  }
}
