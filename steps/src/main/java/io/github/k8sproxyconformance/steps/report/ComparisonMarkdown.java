package io.github.k8sproxyconformance.steps.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Markdown form of a {@link Comparison}, for a pull request or a wiki page: a table of the runs
 * with their level summaries, then a table per area with a column per run.
 */
final class ComparisonMarkdown {

  private ComparisonMarkdown() {}

  static String markdown(Comparison comparison) {
    List<PublishedReport> runs = comparison.runs();
    StringBuilder md = new StringBuilder("# Conformance comparison\n\n");
    List<String> headers = new ArrayList<>(List.of("Implementation", "Profile", "Result"));
    headers.addAll(ConformanceReport.LEVELS);
    md.append(row(headers)).append(separator(headers.size()));
    for (PublishedReport run : runs) {
      List<String> cells =
          new ArrayList<>(List.of(run.implementation(), run.profile(), run.result()));
      for (String level : ConformanceReport.LEVELS) {
        Counts counts = run.level(level);
        cells.add(run.levelResult(level) + ": " + summary(counts));
      }
      md.append(row(cells));
    }
    List<String> columns = new ArrayList<>(List.of("Scenario"));
    runs.forEach(run -> columns.add(run.label()));
    for (Map.Entry<String, List<String>> area : comparison.scenarioIdsByArea().entrySet()) {
      md.append("\n## ").append(area.getKey()).append("\n\n");
      md.append(row(columns)).append(separator(columns.size()));
      for (String id : area.getValue()) {
        List<String> cells = new ArrayList<>(List.of(id));
        runs.forEach(run -> cells.add(Comparison.result(run, id)));
        md.append(row(cells));
      }
    }
    return md.toString();
  }

  /** The non-zero counts, e.g. {@code 40 passed, 2 skipped}; {@code no scenarios} when none. */
  static String summary(Counts counts) {
    List<String> parts = new ArrayList<>();
    counts
        .toMap()
        .forEach(
            (label, n) -> {
              if ((Integer) n > 0) {
                parts.add(n + " " + label);
              }
            });
    return parts.isEmpty() ? "no scenarios" : String.join(", ", parts);
  }

  private static String row(List<String> cells) {
    StringBuilder row = new StringBuilder("|");
    cells.forEach(cell -> row.append(' ').append(cell(cell)).append(" |"));
    return row.append('\n').toString();
  }

  private static String separator(int columns) {
    return "|" + " --- |".repeat(columns) + "\n";
  }

  /** A cell's text: a pipe would end the cell and a line break the row. */
  private static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s+", " ").strip();
  }
}
