package io.github.k8sproxyconformance.steps.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClauseCoverageTest {

  @Test
  void everyContractClauseHasATaggedScenarioOrAWrittenReasonButNotBoth() {
    ClauseCoverage coverage = new ClauseCoverage(ContractClauses.read(), UntestedClauses.read());
    List<String> problems = coverage.problems(SuiteFeatures.all());

    assertThat(problems)
        .withFailMessage(
            "the contract clauses and the @clause-<n> tags disagree:%n  %s",
            String.join("\n  ", problems))
        .isEmpty();
  }

  @Test
  void saysWhatToAddForAClauseWithNeitherAndWhatToRemoveForOneWithBoth() {
    ContractClauses clauses =
        new ContractClauses(
            Path.of("contract-clauses.md"),
            Map.of(1, "(all) checked", 2, "(all) forgotten", 3, "(host) explained"));
    UntestedClauses untested =
        new UntestedClauses(
            Path.of(UntestedClauses.NAME), Map.of(1, "stale", 3, "the host", 9, "no such"));
    List<SuiteScenario> scenarios =
        List.of(
            new SuiteScenario(
                "f/one", "a/f.feature", 3, List.of("@clause-1", "@core"), 4, Optional.of("x")));

    List<String> problems = new ClauseCoverage(clauses, untested).problems(scenarios);

    assertThat(problems).hasSize(3);
    assertThat(problems.get(0))
        .startsWith("clause 1 (\"(all) checked\") is checked by scenarios tagged @clause-1 (f/one)")
        .contains("remove its entry 'clause: 1'");
    assertThat(problems.get(1))
        .startsWith("clause 2 (\"(all) forgotten\") has no scenario tagged @clause-2")
        .contains("add @clause-2 to the scenarios", ScenarioInventory.REGENERATE)
        .endsWith(
            "add to "
                + UntestedClauses.NAME
                + ":\n      - clause: 2\n        reason: <why no scenario checks it>");
    assertThat(problems.get(2))
        .isEqualTo(
            UntestedClauses.NAME
                + " lists clause 9, which contract-clauses.md does not number (clauses 1 to 3):"
                + " remove the entry");
  }

  @Test
  void readsEveryNumberedClauseOfTheDocument() {
    ContractClauses clauses = ContractClauses.read();

    assertThat(clauses.numbers()).first().isEqualTo(1);
    assertThat(clauses.numbers())
        .hasSize(clauses.numbers().stream().mapToInt(n -> n).max().orElse(0));
    assertThat(clauses.describe(13)).startsWith("clause 13 (\"(all) Names are case-sensitive");
  }
}
