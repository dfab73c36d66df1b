package io.github.k8sproxyconformance.steps.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The machine-readable record of one run: {@code report.yaml}.
 *
 * <p>Modelled on the Gateway API conformance report so an implementation can publish it as proof:
 * what was tested (target, profile, options), the verdict per level and per Backstage contract
 * clause, and every scenario with its reason and the Backstage issues it traces to.
 *
 * @param date when the run finished
 * @param mode {@code bundled} or {@code external}
 * @param url the proxy endpoint tested
 * @param profile the contract profile id
 * @param implementation what implementation was tested
 * @param options the effective harness settings in their printed order, secrets masked
 * @param wallTime from the start to the end of the run
 * @param scenarios every scenario in the order it finished, judged by the expectations if any
 * @param expectationsFile the expectations file the scenarios were judged by, if any
 * @param verdict the verdict of the run
 */
public record ConformanceReport(
    Instant date,
    String mode,
    String url,
    String profile,
    String implementation,
    Map<String, String> options,
    Duration wallTime,
    List<ScenarioOutcome> scenarios,
    Optional<String> expectationsFile,
    Verdict verdict) {

  /** The conformance levels, each a tag on every scenario. */
  public static final List<String> LEVELS = List.of("core", "extended", "security");

  private static final String PROFILE_TAG = "@profile-";

  public ConformanceReport {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    scenarios = List.copyOf(scenarios);
  }

  /** The report as YAML. */
  public String toYaml() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apiVersion", "k8sproxyconformance.github.io/v1alpha1");
    root.put("kind", "ConformanceReport");
    root.put("date", date.toString());
    root.put("target", ordered("mode", mode, "url", url));
    root.put("profile", profile);
    root.put("implementation", implementation);
    root.put("options", new LinkedHashMap<>(options));
    Counts all = Counts.of(scenarios);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("result", result());
    summary.put("scenarios", all.total());
    summary.putAll(all.toMap());
    summary.put("wallTimeSeconds", Math.round(wallTime.toMillis() / 100.0) / 10.0);
    root.put("summary", summary);
    Map<String, Object> levels = new LinkedHashMap<>();
    for (String level : LEVELS) {
      levels.put(level, Counts.of(inLevel(level)).toMap());
    }
    root.put("levels", levels);
    root.put("clauses", ClauseResults.of(scenarios));
    expectationsFile.ifPresent(file -> root.put("expectations", expectations(file, all)));
    root.put("scenarios", scenarios.stream().map(ConformanceReport::scenario).toList());
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setWidth(200)
            // shared empty lists would otherwise become YAML anchors and aliases
            .setDereferenceAliases(true)
            .build();
    return new Dump(settings).dumpToString(root);
  }

  /**
   * The run's result, {@code success}, {@code partial} or {@code failure} (see {@link
   * Counts#result()}), over the scenarios of the profile run; {@code failure} when the expectations
   * file could not be used.
   */
  public String result() {
    boolean expectationsUnusable =
        verdict.error().isPresent() || !verdict.unmatchedExpectations().isEmpty();
    return expectationsUnusable ? "failure" : resultOf(scenarios);
  }

  /** The result of some of the run's scenarios, over those of the profile run. */
  public String resultOf(List<ScenarioOutcome> some) {
    return resultOf(some, profile);
  }

  /**
   * The result of scenarios of a run in the profile: scenarios of the other profile are counted as
   * skipped but left out of the result, or no run could ever succeed.
   */
  static String resultOf(List<ScenarioOutcome> some, String profile) {
    return Counts.of(some.stream().filter(s -> appliesToProfile(s, profile)).toList()).result();
  }

  /** The scenarios tagged with the level, e.g. {@code core}, in the order they finished. */
  public List<ScenarioOutcome> inLevel(String level) {
    return scenarios.stream().filter(scenario -> scenario.tags().contains("@" + level)).toList();
  }

  private static boolean appliesToProfile(ScenarioOutcome outcome, String profile) {
    List<String> profileTags =
        outcome.tags().stream().filter(tag -> tag.startsWith(PROFILE_TAG)).toList();
    return profileTags.isEmpty() || profileTags.contains(PROFILE_TAG + profile);
  }

  private Map<String, Object> expectations(String file, Counts all) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("file", file);
    map.put("expectedFailures", all.expectedFailures());
    map.put("unexpectedPasses", verdict.unexpectedPasses());
    map.put("unmatched", verdict.unmatchedExpectations());
    verdict.error().ifPresent(error -> map.put("error", error));
    return map;
  }

  private static Map<String, Object> scenario(ScenarioOutcome outcome) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", outcome.id());
    map.put("result", outcome.outcome().label());
    if (!outcome.reason().isEmpty()) {
      map.put("reason", outcome.reason());
    }
    if (!outcome.expected().isEmpty()) {
      map.put("expected", outcome.expected());
      if (outcome.unexpectedPass()) {
        map.put("unexpectedPass", true);
      }
    }
    map.put("location", outcome.location());
    map.put("tags", outcome.tags());
    map.put("issues", outcome.issues());
    return map;
  }

  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
