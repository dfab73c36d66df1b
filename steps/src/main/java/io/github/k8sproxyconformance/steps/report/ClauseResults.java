package io.github.k8sproxyconformance.steps.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code clauses:} section of the report: the results of a run grouped by the contract clause
 * each scenario checks.
 *
 * <p>A reader who knows Backstage asks "does this proxy do what Backstage does when the header is
 * missing?", not "did missing-cluster-header pass?". Grouping by the {@code @clause-<n>} tags
 * answers that in the numbering of {@code docs/contract-clauses.md}; scenarios without a clause tag
 * (behaviour beyond Backstage) appear only in the scenario list.
 */
public final class ClauseResults {

  private ClauseResults() {}

  /**
   * For each clause tagged in the run, ascending: the counts by result and the ids of its
   * scenarios, in the order they finished.
   */
  public static Map<Integer, Map<String, Object>> of(List<ScenarioOutcome> scenarios) {
    Map<Integer, Map<String, Object>> section = new LinkedHashMap<>();
    ClauseTags.byClause(scenarios, ScenarioOutcome::tags)
        .forEach(
            (clause, checked) -> {
              Map<String, Object> entry = new LinkedHashMap<>(Counts.of(checked).toMap());
              entry.put("scenarios", checked.stream().map(ScenarioOutcome::id).toList());
              section.put(clause, entry);
            });
    return section;
  }
}
