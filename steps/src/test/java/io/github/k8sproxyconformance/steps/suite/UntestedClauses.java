package io.github.k8sproxyconformance.steps.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code docs/contract-clauses-untested.yaml}: the clauses of the contract that no scenario checks,
 * each with the written reason why.
 *
 * <p>A clause without a scenario is either a gap or a choice (the host's permission layer, a
 * deployment the suite cannot build, a Backstage behaviour deliberately not followed). The file
 * makes the choice explicit and reviewable, and {@link ClauseCoverage} tells the two apart. It is a
 * YAML list:
 *
 * <pre>
 * - clause: 47
 *   reason: the host's permission layer, not the proxy
 * </pre>
 *
 * @param file where the reasons were read from
 * @param reasons the reason of each listed clause, by number, ascending
 */
public record UntestedClauses(Path file, Map<Integer, String> reasons) {

  /** The file name, as messages tell a writer where to add an entry. */
  public static final String NAME = "docs/contract-clauses-untested.yaml";

  private static final Set<String> KEYS = Set.of("clause", "reason");

  public UntestedClauses {
    reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
  }

  /** This repository's file. */
  public static UntestedClauses read() {
    return read(ContractClauses.defaultFile().resolveSibling("contract-clauses-untested.yaml"));
  }

  /**
   * Reads the list.
   *
   * @throws IllegalStateException naming the entry when it is not a map of a whole {@code clause}
   *     number and a non-empty {@code reason}, has another key, or repeats a clause
   */
  public static UntestedClauses read(Path file) {
    Object root;
    try {
      root =
          new Load(LoadSettings.builder().build())
              .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<Integer, String> reasons = new TreeMap<>();
    List<?> entries = root == null ? List.of() : (root instanceof List<?> list ? list : null);
    if (entries == null) {
      throw invalid(file, "must be a YAML list of entries with clause and reason");
    }
    for (int i = 0; i < entries.size(); i++) {
      String where = "entry " + (i + 1);
      if (!(entries.get(i) instanceof Map<?, ?> entry) || !KEYS.containsAll(entry.keySet())) {
        throw invalid(file, where + " must be a map with exactly the keys clause and reason");
      }
      if (!(entry.get("clause") instanceof Number clause)) {
        throw invalid(file, where + " needs 'clause: <number>'");
      }
      Object reason = entry.get("reason");
      if (reason == null || String.valueOf(reason).isBlank()) {
        throw invalid(file, where + " (clause " + clause + ") needs a reason");
      }
      if (reasons.putIfAbsent(clause.intValue(), String.valueOf(reason).strip()) != null) {
        throw invalid(file, where + " lists clause " + clause + " a second time");
      }
    }
    return new UntestedClauses(file, reasons);
  }

  private static IllegalStateException invalid(Path file, String problem) {
    return new IllegalStateException(file + ": " + problem);
  }
}
