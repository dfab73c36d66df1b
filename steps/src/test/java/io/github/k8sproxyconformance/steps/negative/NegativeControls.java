package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.steps.suite.SuiteScenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The checked-in claims of the negative controls: which scenarios each broken proxy must kill
 * ({@code negative-controls/kills.yaml}) and why the rest cannot be killed ({@code
 * negative-controls/unkillable.yaml}).
 *
 * <p>Claims are written down rather than discovered by running everything against everything: that
 * keeps the run short, and a claim that stops holding (the scenario passes against its broken
 * proxy) is a failure someone has to look at, not a silently shrinking matrix.
 *
 * @param kills scenario ids by broken proxy name, in file order
 * @param unkillable the written reason by scenario id
 */
record NegativeControls(Map<String, List<String>> kills, Map<String, String> unkillable) {

  static final String KILLS = "negative-controls/kills.yaml";
  static final String UNKILLABLE = "negative-controls/unkillable.yaml";

  /** Reads both files from the test class path. */
  static NegativeControls load() {
    Map<String, List<String>> kills = new LinkedHashMap<>();
    read(KILLS).forEach((proxy, ids) -> kills.put(String.valueOf(proxy), strings(ids)));
    Map<String, String> unkillable = new LinkedHashMap<>();
    read(UNKILLABLE)
        .forEach((id, reason) -> unkillable.put(String.valueOf(id), String.valueOf(reason)));
    return new NegativeControls(kills, unkillable);
  }

  /** The broken proxies claimed to kill the scenario. */
  List<String> killersOf(String scenarioId) {
    return kills.entrySet().stream()
        .filter(entry -> entry.getValue().contains(scenarioId))
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * What is wrong with the claims against the suite and the catalog: unknown names and ids, broken
   * proxies without claims, and scenarios neither killed nor justified. A reason for a scenario
   * that no longer exists is no problem here (the matrix lists it as stale): scenarios of other
   * areas come and go while their reasons are written.
   */
  List<String> problems(List<SuiteScenario> suite, Set<String> catalog) {
    Set<String> ids = suite.stream().map(SuiteScenario::id).collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    for (String proxy : new TreeSet<>(kills.keySet())) {
      if (!catalog.contains(proxy)) {
        problems.add(KILLS + " names '" + proxy + "', which is no broken proxy of the catalog");
      }
      kills.get(proxy).stream()
          .filter(id -> !ids.contains(id))
          .forEach(id -> problems.add(KILLS + " (" + proxy + ") names no scenario: '" + id + "'"));
    }
    catalog.stream()
        .filter(proxy -> kills.getOrDefault(proxy, List.of()).isEmpty())
        .forEach(proxy -> problems.add("broken proxy '" + proxy + "' claims no kill in " + KILLS));
    for (SuiteScenario scenario : suite) {
      boolean killed = !killersOf(scenario.id()).isEmpty();
      boolean justified = unkillable.containsKey(scenario.id());
      if (!killed && !justified) {
        problems.add(
            "scenario '"
                + scenario.id()
                + "' ("
                + scenario.featurePath()
                + ":"
                + scenario.line()
                + ") is killed by no broken proxy: add it under the broken proxy it detects in "
                + KILLS
                + ", or write why none can in "
                + UNKILLABLE);
      } else if (killed && justified) {
        problems.add(
            "scenario '" + scenario.id() + "' is claimed as killed and justified as unkillable");
      }
    }
    return problems;
  }

  private static Map<?, ?> read(String resource) {
    try (InputStream in = NegativeControls.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the test class path");
      }
      Object root = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
      return root instanceof Map<?, ?> map ? map : Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }
}
