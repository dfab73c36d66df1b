package io.github.k8sproxyconformance.steps.suite;

import io.github.k8sproxyconformance.steps.report.ClauseTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that every clause of the contract is either checked by a tagged scenario or listed, with
 * its reason, as untested, and never both.
 *
 * <p>The clause document numbers what Backstage does; the kit claims to check it. Without this
 * check a clause can drop out of the suite unnoticed (its only scenario retagged or removed), and a
 * reason can outlive the gap it explained. Each problem says which file to change and with what
 * lines, so whoever adds or retags a scenario can settle it without reading this class.
 */
public final class ClauseCoverage {

  private static final int LISTED = 3;

  private final ContractClauses clauses;
  private final UntestedClauses untested;

  /** A check of the scenarios against these clauses and reasons. */
  public ClauseCoverage(ContractClauses clauses, UntestedClauses untested) {
    this.clauses = clauses;
    this.untested = untested;
  }

  /** Every problem, one message each; empty when each clause is covered exactly one way. */
  public List<String> problems(List<SuiteScenario> scenarios) {
    Map<Integer, List<SuiteScenario>> tagged = ClauseTags.byClause(scenarios, SuiteScenario::tags);
    List<String> problems = new ArrayList<>();
    for (int clause : clauses.numbers()) {
      boolean hasScenarios = tagged.containsKey(clause);
      boolean hasReason = untested.reasons().containsKey(clause);
      if (!hasScenarios && !hasReason) {
        problems.add(uncovered(clause));
      } else if (hasScenarios && hasReason) {
        problems.add(stale(clause, tagged.get(clause)));
      }
    }
    untested.reasons().keySet().stream()
        .filter(clause -> !clauses.has(clause))
        .forEach(
            clause ->
                problems.add(
                    UntestedClauses.NAME
                        + " lists clause "
                        + clause
                        + ", which "
                        + clauses.file().getFileName()
                        + " does not number (clauses "
                        + clauses.range()
                        + "): remove the entry"));
    return problems;
  }

  private String uncovered(int clause) {
    String tag = ClauseTags.tag(clause);
    return clauses.describe(clause)
        + " has no scenario tagged "
        + tag
        + " and no reason in "
        + UntestedClauses.NAME
        + ". Either add "
        + tag
        + " to the scenarios whose assertions check it (on their Rule or Feature when every"
        + " scenario there checks it) and regenerate the inventory with\n      "
        + ScenarioInventory.REGENERATE
        + "\n    or add to "
        + UntestedClauses.NAME
        + ":\n      - clause: "
        + clause
        + "\n        reason: <why no scenario checks it>";
  }

  private String stale(int clause, List<SuiteScenario> scenarios) {
    List<String> scenarioIds = scenarios.stream().map(SuiteScenario::id).toList();
    String tag = ClauseTags.tag(clause);
    String shown =
        String.join(", ", scenarioIds.subList(0, Math.min(LISTED, scenarioIds.size())))
            + (scenarioIds.size() > LISTED
                ? " and " + (scenarioIds.size() - LISTED) + " more"
                : "");
    return clauses.describe(clause)
        + " is checked by scenarios tagged "
        + tag
        + " ("
        + shown
        + ") and still listed as untested in "
        + UntestedClauses.NAME
        + ": remove its entry 'clause: "
        + clause
        + "' there, or remove "
        + tag
        + " from scenarios that do not check it";
  }
}
