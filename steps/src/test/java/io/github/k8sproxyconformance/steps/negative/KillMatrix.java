package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog.Recipe;
import io.github.k8sproxyconformance.steps.negative.ScenarioRun.Outcome;
import io.github.k8sproxyconformance.steps.suite.SuiteScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The outcomes of the negative-control runs of every profile, and the matrix written from them.
 *
 * <p>Each profile runs in its own JVM (the harness is one per JVM), so each writes its outcomes to
 * {@code <profile>.tsv}; the matrix is rewritten from every such file after each run, so the last
 * run leaves the matrix of both.
 */
final class KillMatrix {

  private final Path dir;

  KillMatrix(Path dir) {
    this.dir = dir;
  }

  /** Writes the outcomes of one profile: proxy, scenario id and outcome per line. */
  void write(String profile, Map<String, Map<String, Outcome>> outcomesByProxy) {
    List<String> lines = new ArrayList<>();
    outcomesByProxy.forEach(
        (proxy, outcomes) ->
            outcomes.forEach((id, outcome) -> lines.add(proxy + "\t" + id + "\t" + outcome)));
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(profile + ".tsv"), lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the outcomes of " + profile, e);
    }
  }

  /** Every outcome of every profile's file, by proxy and scenario id. */
  Map<String, Set<Outcome>> outcomes() {
    Map<String, Set<Outcome>> all = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          String[] cells = line.split("\t");
          all.computeIfAbsent(key(cells[0], cells[1]), k -> EnumSet.noneOf(Outcome.class))
              .add(Outcome.valueOf(cells[2]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the outcomes under " + dir, e);
    }
    return all;
  }

  /** The matrix as Markdown: scenario by broken proxy, then the legend and the reasons. */
  String markdown(List<SuiteScenario> suite, List<Recipe> proxies, NegativeControls claims) {
    Map<String, Set<Outcome>> outcomes = outcomes();
    StringBuilder rows = new StringBuilder();
    int killed = 0;
    int justified = 0;
    int uncovered = 0;
    for (SuiteScenario scenario : suite) {
      StringBuilder row = new StringBuilder("| " + scenario.id().replace("|", "\\|") + " |");
      boolean anyKill = false;
      for (Recipe proxy : proxies) {
        boolean claimed =
            claims.kills().getOrDefault(proxy.name(), List.of()).contains(scenario.id());
        Set<Outcome> seen = outcomes.getOrDefault(key(proxy.name(), scenario.id()), Set.of());
        anyKill |= claimed && seen.contains(Outcome.KILLED) && !seen.contains(Outcome.SURVIVED);
        row.append(' ').append(claimed ? cell(seen) : "").append(" |");
      }
      String verdict;
      if (anyKill) {
        verdict = "killed";
        killed++;
      } else if (claims.unkillable().containsKey(scenario.id())) {
        verdict = "justified";
        justified++;
      } else {
        verdict = "**NOT KILLED**";
        uncovered++;
      }
      rows.append(row).append(' ').append(verdict).append(" |\n");
    }
    StringBuilder md = new StringBuilder("# Negative controls\n\n");
    md.append(
        String.format(
            "%d scenarios: %d killed, %d justified, %d not killed.%n%n",
            suite.size(), killed, justified, uncovered));
    md.append("K = failed against the broken proxy (killed), S = passed (survived), ")
        .append("- = claimed but not run in any profile, blank = not claimed.\n\n| scenario |");
    for (int i = 1; i <= proxies.size(); i++) {
      md.append(" P").append(i).append(" |");
    }
    md.append(" verdict |\n|---|").append("---|".repeat(proxies.size())).append("---|\n");
    md.append(rows)
        .append("\n## Broken proxies\n\n| column | name | how it is made |\n|---|---|---|\n");
    for (int i = 0; i < proxies.size(); i++) {
      Recipe proxy = proxies.get(i);
      md.append(String.format("| P%d | %s | %s |%n", i + 1, proxy.name(), proxy.how()));
    }
    md.append("\n## Scenarios no broken proxy can kill\n\n| scenario | why |\n|---|---|\n");
    Set<String> ids = suite.stream().map(SuiteScenario::id).collect(Collectors.toSet());
    claims
        .unkillable()
        .forEach(
            (id, why) ->
                md.append("| ")
                    .append(id)
                    .append(ids.contains(id) ? "" : " (stale: no such scenario)")
                    .append(" | ")
                    .append(why)
                    .append(" |\n"));
    return md.toString();
  }

  private static String cell(Set<Outcome> seen) {
    if (seen.contains(Outcome.SURVIVED)) {
      return "S";
    }
    return seen.contains(Outcome.KILLED) ? "K" : "-";
  }

  private static String key(String proxy, String id) {
    return proxy + "\t" + id;
  }
}
