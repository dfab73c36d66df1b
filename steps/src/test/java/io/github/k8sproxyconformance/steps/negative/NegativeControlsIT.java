package io.github.k8sproxyconformance.steps.negative;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.steps.config.Profile;
import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog.Recipe;
import io.github.k8sproxyconformance.steps.negative.ScenarioRun.Outcome;
import io.github.k8sproxyconformance.steps.proxy.Harness;
import io.github.k8sproxyconformance.steps.suite.SuiteFeatures;
import io.github.k8sproxyconformance.steps.suite.SuiteScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that the suite can fail: runs the scenarios each broken proxy is claimed to break against
 * it, in the profile of this JVM, and requires every one of them to fail.
 *
 * <p>It also requires every scenario to be claimed by a broken proxy or justified in writing, so a
 * new scenario nobody has shown to be able to fail breaks the build, and writes the matrix of
 * scenario by broken proxy to {@code target/conformance/negative-controls.md}.
 */
class NegativeControlsIT {

  private static final Logger LOG = LoggerFactory.getLogger(NegativeControlsIT.class);

  /** Runs only the broken proxies it names; the build always runs all of them. */
  static final String ONLY = "negative-controls.only";

  private static final Path TARGET =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target/conformance");

  @Test
  void everyScenarioFailsAgainstTheBrokenProxiesItGuardsAgainst() throws IOException {
    Harness harness = Harness.get();
    Profile profile = harness.config().profile();
    List<SuiteScenario> suite = SuiteFeatures.all();
    Map<String, SuiteScenario> byId =
        suite.stream().collect(Collectors.toMap(SuiteScenario::id, Function.identity()));
    BrokenProxyCatalog catalog = new BrokenProxyCatalog();
    NegativeControls claims = NegativeControls.load();
    List<String> problems = new ArrayList<>(claims.problems(suite, catalog.names()));

    Set<String> only = only(catalog.names());
    Map<String, Map<String, Outcome>> outcomes = new LinkedHashMap<>();
    for (Recipe proxy : catalog.all()) {
      if (!only.isEmpty() && !only.contains(proxy.name())) {
        continue;
      }
      List<SuiteScenario> runnable =
          claims.kills().getOrDefault(proxy.name(), List.of()).stream()
              .map(byId::get)
              .filter(scenario -> scenario != null && runsIn(scenario, profile))
              .toList();
      if (runnable.isEmpty()) {
        continue;
      }
      Path report =
          TARGET.resolve("negative-controls/" + profile.id() + "/" + proxy.name() + ".xml");
      Map<String, Outcome> result = ScenarioRun.run(proxy.name(), runnable, report.toString());
      outcomes.put(proxy.name(), result);
      result.forEach(
          (id, outcome) -> {
            if (outcome == Outcome.SURVIVED) {
              problems.add(survived(proxy, byId.get(id), profile));
            }
          });
      LOG.info("{}: {}", proxy.name(), count(result));
    }

    KillMatrix matrix = new KillMatrix(TARGET.resolve("negative-controls"));
    matrix.write(profile.id(), outcomes);
    Path markdown = TARGET.resolve("negative-controls.md");
    Files.writeString(markdown, matrix.markdown(suite, catalog.all(), claims));
    assertThat(problems)
        .withFailMessage(
            "negative controls in profile %s (matrix: %s):%n  %s",
            profile.id(), markdown, String.join("\n  ", problems))
        .isEmpty();
  }

  /**
   * The broken proxies named in {@value #ONLY} (comma-separated), for a quick check of a few while
   * working on them; empty runs all. An unknown name fails rather than silently checking nothing.
   */
  private static Set<String> only(Set<String> known) {
    String value = System.getProperty(ONLY, "").strip();
    if (value.isEmpty()) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>(List.of(value.split("\\s*,\\s*")));
    List<String> unknown = names.stream().filter(name -> !known.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          ONLY + " names no broken proxy of the catalog: " + unknown + "; known: " + known);
    }
    return names;
  }

  private static boolean runsIn(SuiteScenario scenario, Profile profile) {
    List<String> profiles =
        scenario.tags().stream().filter(tag -> tag.startsWith("@profile-")).toList();
    return profiles.isEmpty() || profiles.contains("@profile-" + profile.id());
  }

  private static String survived(Recipe proxy, SuiteScenario scenario, Profile profile) {
    return "scenario '"
        + scenario.id()
        + "' passed against broken proxy '"
        + proxy.name()
        + "' ("
        + proxy.how()
        + ") in profile "
        + profile.id()
        + ": it does not catch '"
        + scenario.catches().orElse("?")
        + "' there; fix the scenario or the claim in "
        + NegativeControls.KILLS;
  }

  private static Map<Outcome, Long> count(Map<String, Outcome> result) {
    return result.values().stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
