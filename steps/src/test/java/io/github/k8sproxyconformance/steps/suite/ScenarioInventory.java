package io.github.k8sproxyconformance.steps.suite;

import java.util.List;

/**
 * The checked-in list of scenario ids with their effective tags.
 *
 * <p>Scenario ids are what reports, expectations and negative controls refer to; adding, renaming
 * or retagging a scenario silently changes them. Keeping the list in a file that a test compares
 * makes every such change a visible line in the diff of the change that causes it.
 */
public final class ScenarioInventory {

  /** The command that rewrites the file from the feature files. */
  public static final String REGENERATE =
      "./mvnw -q -o -pl steps -am test -Dtest=ScenarioInventoryTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dinventory.update=true";

  private ScenarioInventory() {}

  /** One line per scenario, sorted by id: the id, a tab, its tags separated by spaces. */
  public static List<String> lines(List<SuiteScenario> scenarios) {
    return scenarios.stream()
        .map(scenario -> scenario.id() + "\t" + String.join(" ", scenario.tags()))
        .sorted()
        .toList();
  }
}
