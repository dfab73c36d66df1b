package io.github.k8sproxyconformance.steps.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GherkinLintTest {

  private final TagRegistry registry = TagRegistry.read(SuiteFeatures.readme());
  private final GherkinLint lint = new GherkinLint(registry, ContractClauses.read());

  @Test
  void theFeatureFilesFollowTheWritingRules() {
    List<SuiteScenario> scenarios = SuiteFeatures.all();

    assertThat(scenarios).isNotEmpty();
    assertThat(lint.violations(scenarios))
        .withFailMessage(
            "features break the writing rules of features/README.md:%n  %s",
            String.join("\n  ", lint.violations(scenarios)))
        .isEmpty();
  }

  @Test
  void everyRuleReportsTheScenarioThatBreaksIt() {
    SuiteScenario clean =
        new SuiteScenario(
            "f/ok", "a/f.feature", 3, List.of("@core"), 4, Optional.of("ignores the header"));
    SuiteScenario broken =
        new SuiteScenario(
            "f/ok",
            "a/f.feature",
            9,
            List.of("@core", "@extended", "@unregistered", "@wip"),
            GherkinLint.MAX_STEPS + 1,
            Optional.empty());

    assertThat(lint.violations(List.of(clean))).isEmpty();
    assertThat(lint.violations(List.of(clean, broken)))
        .hasSize(6)
        .allMatch(violation -> violation.startsWith("a/f.feature:9 'f/ok'"))
        .anyMatch(violation -> violation.contains("also used at a/f.feature:3"))
        .anyMatch(violation -> violation.contains("exactly one level tag"))
        .anyMatch(violation -> violation.contains("@unregistered is not in the tag registry"))
        .anyMatch(violation -> violation.contains("@wip must never be committed"))
        .anyMatch(violation -> violation.contains("13 steps"))
        .anyMatch(violation -> violation.contains("# catches:"));
  }

  @Test
  void theRegistryKnowsEachFamily() {
    assertThat(registry.family("level"))
        .containsExactlyInAnyOrder("@core", "@extended", "@security");
    assertThat(registry.family("forbidden")).containsExactly("@wip");
    assertThat(registry.family("clause")).containsExactly("@clause-<n>");
  }

  @Test
  void aClauseTagMustNameANumberedClause() {
    ContractClauses twoClauses =
        new ContractClauses(Path.of("contract-clauses.md"), Map.of(1, "one", 2, "two"));
    GherkinLint lintOfTwo = new GherkinLint(registry, twoClauses);

    assertThat(lintOfTwo.violations(List.of(scenario(List.of("@core", "@clause-2"))))).isEmpty();
    assertThat(lintOfTwo.violations(List.of(scenario(List.of("@core", "@clause-3")))))
        .containsExactly(
            "a/f.feature:3 'f/ok': tag @clause-3 names no clause of docs/contract-clauses.md"
                + " (clauses 1 to 2)");
    assertThat(lintOfTwo.violations(List.of(scenario(List.of("@core", "@clause-02")))))
        .singleElement()
        .asString()
        .contains("@clause-02 is not in the tag registry");
  }

  private static SuiteScenario scenario(List<String> tags) {
    return new SuiteScenario("f/ok", "a/f.feature", 3, tags, 4, Optional.of("ignores the header"));
  }
}
