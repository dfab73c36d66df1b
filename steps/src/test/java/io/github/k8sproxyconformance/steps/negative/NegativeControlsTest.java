package io.github.k8sproxyconformance.steps.negative;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.steps.suite.SuiteFeatures;
import io.github.k8sproxyconformance.steps.suite.SuiteScenario;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NegativeControlsTest {

  @Test
  void everyScenarioIsClaimedByABrokenProxyOrJustified() {
    NegativeControls claims = NegativeControls.load();
    List<String> problems = claims.problems(SuiteFeatures.all(), new BrokenProxyCatalog().names());

    assertThat(problems)
        .withFailMessage("negative-control claims:%n  %s", String.join("\n  ", problems))
        .isEmpty();
  }

  @Test
  void aScenarioThatNoBrokenProxyKillsIsNamedWithWhatToDo() {
    NegativeControls claims =
        new NegativeControls(Map.of("p", List.of("f/claimed")), Map.of("f/justified", "why"));
    List<SuiteScenario> suite =
        List.of(scenario("f/claimed"), scenario("f/justified"), scenario("f/new"));

    assertThat(claims.problems(suite, Set.of("p")))
        .containsExactly(
            "scenario 'f/new' (a/f.feature:7) is killed by no broken proxy: add it under the broken"
                + " proxy it detects in negative-controls/kills.yaml, or write why none can in"
                + " negative-controls/unkillable.yaml");
  }

  @Test
  void unknownProxiesAndScenariosAndIdleProxiesAreReported() {
    NegativeControls claims =
        new NegativeControls(
            Map.of("ghost", List.of("f/a"), "p", List.of("f/gone")), Map.of("f/a", "why"));

    assertThat(claims.problems(List.of(scenario("f/a")), Set.of("p", "idle")))
        .containsExactlyInAnyOrder(
            "negative-controls/kills.yaml names 'ghost', which is no broken proxy of the catalog",
            "negative-controls/kills.yaml (p) names no scenario: 'f/gone'",
            "broken proxy 'idle' claims no kill in negative-controls/kills.yaml",
            "scenario 'f/a' is claimed as killed and justified as unkillable");
  }

  private static SuiteScenario scenario(String id) {
    return new SuiteScenario(id, "a/f.feature", 7, List.of("@core"), 3, Optional.of("x"));
  }
}
