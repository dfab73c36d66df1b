package io.github.k8sproxyconformance.steps.suite;

import io.github.k8sproxyconformance.steps.report.ClauseTags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writing rules of the features README that a program can check.
 *
 * <p>Reports carry scenario ids, the registry gives tags their meaning and the {@code # catches:}
 * lines are the inventory of negative controls; a rule broken here silently weakens one of them, so
 * every violation is listed with the file and line to fix. A {@code @clause-<n>} tag must name a
 * clause that {@code docs/contract-clauses.md} numbers, or the report would group results under a
 * clause nobody can look up.
 */
public final class GherkinLint {

  /** The most steps a scenario may run, background steps included. */
  public static final int MAX_STEPS = 12;

  private final TagRegistry registry;
  private final ContractClauses clauses;

  /** A lint against the given tag registry and contract clauses. */
  public GherkinLint(TagRegistry registry, ContractClauses clauses) {
    this.registry = registry;
    this.clauses = clauses;
  }

  /** Every rule broken by the scenarios, one line each; empty when the suite is clean. */
  public List<String> violations(List<SuiteScenario> scenarios) {
    List<String> violations = new ArrayList<>();
    Map<String, SuiteScenario> byId = new HashMap<>();
    Set<String> levels = registry.family("level");
    Set<String> forbidden = registry.family("forbidden");
    for (SuiteScenario scenario : scenarios) {
      String where = scenario.featurePath() + ":" + scenario.line() + " '" + scenario.id() + "'";
      SuiteScenario earlier = byId.putIfAbsent(scenario.id(), scenario);
      if (earlier != null) {
        violations.add(
            where + ": the id is also used at " + earlier.featurePath() + ":" + earlier.line());
      }
      List<String> levelTags = scenario.tags().stream().filter(levels::contains).toList();
      if (levelTags.size() != 1) {
        violations.add(where + ": needs exactly one level tag of " + levels + ", has " + levelTags);
      }
      for (String tag : scenario.tags()) {
        if (!registry.registered(tag)) {
          violations.add(
              where + ": tag " + tag + " is not in the tag registry of features/README.md");
        } else if (forbidden.contains(tag)) {
          violations.add(where + ": tag " + tag + " must never be committed");
        } else if (ClauseTags.number(tag).filter(n -> !clauses.has(n)).isPresent()) {
          violations.add(
              where
                  + ": tag "
                  + tag
                  + " names no clause of docs/contract-clauses.md (clauses "
                  + clauses.range()
                  + ")");
        }
      }
      if (scenario.stepCount() > MAX_STEPS) {
        violations.add(
            where + ": runs " + scenario.stepCount() + " steps, at most " + MAX_STEPS + " allowed");
      }
      if (scenario.catches().isEmpty()) {
        violations.add(where + ": no '# catches: <broken behaviour>' comment above the scenario");
      }
    }
    return violations;
  }
}
