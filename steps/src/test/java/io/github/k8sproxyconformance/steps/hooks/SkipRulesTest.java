package io.github.k8sproxyconformance.steps.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.report.Outcome;
import io.github.k8sproxyconformance.steps.report.ScenarioNotChecked;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkipRulesTest {

  private static final HarnessConfig BUNDLED_CURRENT = HarnessConfig.load(Map.of(), Map.of());

  @Test
  void runsUntaggedScenariosAndThoseOfTheRunningProfile() {
    assertThat(SkipRules.reasonToSkip(List.of("@core"), BUNDLED_CURRENT)).isEmpty();
    assertThat(
            SkipRules.reasonToSkip(List.of("@core", "@profile-backstage-current"), BUNDLED_CURRENT))
        .isEmpty();
  }

  @Test
  void skipsAScenarioOfTheOtherProfile() {
    assertNotChecked(
        SkipRules.reasonToSkip(List.of("@profile-backstage-1.9"), BUNDLED_CURRENT),
        Outcome.SKIPPED,
        "skipped: profile backstage-1.9 only");
  }

  @Test
  void cannotReconfigureAnExternalProxy() {
    HarnessConfig external =
        HarnessConfig.load(Map.of("conformance.proxy.url", "http://127.0.0.1:7007/p"), Map.of());

    assertThat(SkipRules.reasonToSkip(List.of("@reconfigures-proxy"), BUNDLED_CURRENT)).isEmpty();
    assertNotChecked(
        SkipRules.reasonToSkip(List.of("@reconfigures-proxy"), external),
        Outcome.UNSUPPORTED,
        "unsupported: reconfigures-proxy needs the bundled proxy");
  }

  @Test
  void cannotReachKubernetesApiClustersWhenTheyAreOff() {
    HarnessConfig off = HarnessConfig.load(Map.of("conformance.kube", "off"), Map.of());

    assertThat(SkipRules.reasonToSkip(List.of("@kube-api"), BUNDLED_CURRENT)).isEmpty();
    assertNotChecked(
        SkipRules.reasonToSkip(List.of("@kube-api"), off),
        Outcome.UNSUPPORTED,
        "unsupported: conformance.kube=off");
  }

  /** The rules decided not to check the scenario, counting it as {@code outcome}. */
  private static void assertNotChecked(
      Optional<ScenarioNotChecked> decision, Outcome outcome, String message) {
    assertThat(decision).isPresent();
    assertThat(decision.get().outcome()).isEqualTo(outcome);
    assertThat(decision.get()).hasMessage(message);
  }
}
