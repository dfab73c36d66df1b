package io.github.k8sproxyconformance.steps.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The scenarios one implementation is known to fail, each with the reason: the expectations file.
 *
 * <p>A regression run against an implementation that deviates on purpose (or has a known bug) must
 * stay green while it fails those scenarios, and must still go red on any other failure. Each entry
 * names a scenario by its report id ({@code <feature file stem>/<scenario name>}) and says why it
 * fails, so the file doubles as the implementation's list of deviations. The file is a YAML list:
 *
 * <pre>
 * - id: request-headers/Proxy-Authorization is not forwarded
 *   reason: "Backstage forwards hop-by-hop headers (observed: hdr-hop-by-hop)"
 * </pre>
 *
 * @param file where the expectations were read from
 * @param reasons the reason of each listed scenario, by id, in file order
 */
public record Expectations(Path file, Map<String, String> reasons) {

  private static final Set<String> KEYS = Set.of("id", "reason");

  public Expectations {
    reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
  }

  /**
   * Reads and checks an expectations file.
   *
   * @throws IllegalArgumentException naming the file and the entry when the file cannot be read, is
   *     not a list of {@code id}/{@code reason} maps, lacks an id or reason, or lists an id twice
   */
  public static Expectations load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw invalid(file, "cannot be read (" + e + ")");
    }
    Object root;
    try {
      root = new Load(LoadSettings.builder().build()).loadFromString(text);
    } catch (YamlEngineException e) {
      throw invalid(file, "is not valid YAML: " + e.getMessage().strip().replaceAll("\\s+", " "));
    }
    if (root == null) {
      return new Expectations(file, Map.of());
    }
    if (!(root instanceof List<?> entries)) {
      throw invalid(file, "must be a YAML list of entries with id and reason");
    }
    Map<String, String> reasons = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = "entry " + (i + 1);
      if (!(entries.get(i) instanceof Map<?, ?> entry)) {
        throw invalid(file, where + " is not a map with id and reason");
      }
      for (Object key : entry.keySet()) {
        if (!KEYS.contains(String.valueOf(key))) {
          throw invalid(file, where + " has the unknown key '" + key + "' (allowed: id, reason)");
        }
      }
      String id = text(entry.get("id")).orElseThrow(() -> invalid(file, where + " has no id"));
      String reason =
          text(entry.get("reason"))
              .orElseThrow(() -> invalid(file, where + " ('" + id + "') has no reason"));
      if (reasons.putIfAbsent(id, reason) != null) {
        throw invalid(file, where + " lists '" + id + "' a second time");
      }
    }
    return new Expectations(file, reasons);
  }

  /** The reason a scenario is expected to fail, or empty when it is expected to pass. */
  public Optional<String> reasonFor(String scenarioId) {
    return Optional.ofNullable(reasons.get(scenarioId));
  }

  /**
   * The listed ids that name none of the given scenarios: a typo, or a renamed scenario. Each one
   * would otherwise hide nothing today and silently excuse nothing tomorrow, so the run treats it
   * as an error.
   */
  public List<String> unmatched(Collection<String> scenarioIds) {
    Set<String> known = Set.copyOf(scenarioIds);
    return reasons.keySet().stream().filter(id -> !known.contains(id)).toList();
  }

  private static Optional<String> text(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    String text = String.valueOf(value).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static IllegalArgumentException invalid(Path file, String problem) {
    return new IllegalArgumentException("expectations file " + file + " " + problem);
  }
}
