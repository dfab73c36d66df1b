package io.github.k8sproxyconformance.steps.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A {@code report.yaml} read back, with what a {@link Comparison} puts side by side: who was
 * tested, in which profile, the verdict, and every scenario's result.
 *
 * <p>Implementations publish their {@code report.yaml}; comparing them must not need the runs
 * again, so this reads the file {@link ConformanceReport#toYaml()} writes, and rejects anything
 * else with a message naming the file.
 *
 * @param source the file read
 * @param implementation what implementation was tested
 * @param profile the contract profile of the run
 * @param target the target mode and URL, e.g. {@code external http://127.0.0.1:7007/...}
 * @param date when the run finished, as written
 * @param result the run's verdict, {@code success}, {@code partial} or {@code failure}
 * @param scenarios every scenario with its result and reason, without evidence
 */
public record PublishedReport(
    Path source,
    String implementation,
    String profile,
    String target,
    String date,
    String result,
    List<ScenarioOutcome> scenarios) {

  private static final String KIND = "ConformanceReport";

  public PublishedReport {
    scenarios = List.copyOf(scenarios);
  }

  /**
   * Reads a {@code report.yaml}.
   *
   * @throws IllegalArgumentException naming the file when it is missing, unreadable or not a
   *     conformance report
   */
  public static PublishedReport read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no conformance report at " + file + ": no such file");
    }
    Object root;
    try {
      root =
          new Load(LoadSettings.builder().build())
              .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | YamlEngineException e) {
      throw new IllegalArgumentException(
          "cannot read the conformance report " + file + ": " + e, e);
    }
    if (!(root instanceof Map<?, ?> map) || !KIND.equals(map.get("kind"))) {
      throw notAReport(file, "it has no 'kind: " + KIND + "'");
    }
    if (!(map.get("scenarios") instanceof List<?> list)) {
      throw notAReport(file, "it has no 'scenarios:' list");
    }
    List<ScenarioOutcome> scenarios = new ArrayList<>();
    for (Object entry : list) {
      scenarios.add(scenario(file, entry));
    }
    Map<?, ?> target = map.get("target") instanceof Map<?, ?> t ? t : Map.of();
    Map<?, ?> summary = map.get("summary") instanceof Map<?, ?> s ? s : Map.of();
    return new PublishedReport(
        file,
        text(map.get("implementation")),
        text(map.get("profile")),
        (text(target.get("mode")) + " " + text(target.get("url"))).strip(),
        text(map.get("date")),
        text(summary.get("result")),
        scenarios);
  }

  /** The counts of the scenarios tagged with the level, e.g. {@code core}. */
  public Counts level(String level) {
    return Counts.of(scenarios.stream().filter(s -> s.tags().contains("@" + level)).toList());
  }

  /** The result of the scenarios tagged with the level, over those of the run's profile. */
  public String levelResult(String level) {
    return ConformanceReport.resultOf(
        scenarios.stream().filter(s -> s.tags().contains("@" + level)).toList(), profile);
  }

  /** The scenario with the id, if the run had it. */
  public Optional<ScenarioOutcome> scenario(String id) {
    return scenarios.stream().filter(scenario -> scenario.id().equals(id)).findFirst();
  }

  /** The column heading of this run: implementation and profile. */
  public String label() {
    return implementation + " (" + profile + ")";
  }

  private static ScenarioOutcome scenario(Path file, Object entry) {
    if (!(entry instanceof Map<?, ?> map) || !(map.get("id") instanceof String id)) {
      throw notAReport(file, "a scenario has no id: " + entry);
    }
    String label = text(map.get("result"));
    Outcome outcome =
        Outcome.ofLabel(label)
            .orElseThrow(
                () -> notAReport(file, "scenario " + id + " has the result '" + label + "'"));
    return new ScenarioOutcome(
        id,
        text(map.get("location")),
        outcome,
        text(map.get("reason")),
        strings(map.get("tags")),
        strings(map.get("issues")),
        text(map.get("expected")));
  }

  private static IllegalArgumentException notAReport(Path file, String why) {
    return new IllegalArgumentException(
        file + " is not a conformance report (a report.yaml written by a suite run): " + why);
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }
}
