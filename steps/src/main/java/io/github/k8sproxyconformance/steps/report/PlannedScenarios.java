package io.github.k8sproxyconformance.steps.report;

import java.util.OptionalInt;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * How many scenarios this run will execute, for the progress line's "done of total".
 *
 * <p>Cucumber's events cannot tell: on the JUnit Platform it reads each feature only when it gets
 * to it. The test plan can, after the tag and name filters were applied, so this listener (found by
 * the launcher through {@code META-INF/services}) counts its Cucumber scenarios before any runs. A
 * runner that does not use the JUnit Platform may {@link #record} the number itself; without one,
 * the progress shows the count done only.
 */
public final class PlannedScenarios implements TestExecutionListener {

  private static volatile int planned = -1; // written by the launcher thread only

  /** Created by the JUnit Platform launcher. */
  public PlannedScenarios() {}

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    long scenarios =
        plan.getRoots().stream()
            .flatMap(root -> plan.getDescendants(root).stream())
            .filter(TestIdentifier::isTest)
            .filter(test -> test.getUniqueId().contains("[engine:cucumber]"))
            .count();
    if (scenarios > 0) {
      record((int) scenarios);
    }
  }

  /**
   * A scenario left out by {@code cucumber.filter.name} is in the plan but skipped without running,
   * so it is not one the run will execute.
   */
  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    if (test.isTest() && test.getUniqueId().contains("[engine:cucumber]") && planned > 0) {
      planned--;
    }
  }

  /** Sets the number of scenarios the run will execute. */
  public static void record(int scenarios) {
    planned = scenarios;
  }

  /** The number of scenarios the run will execute, when it is known. */
  static OptionalInt count() {
    int count = planned;
    return count < 0 ? OptionalInt.empty() : OptionalInt.of(count);
  }
}
