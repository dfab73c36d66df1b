package io.github.k8sproxyconformance.steps.report;

import java.util.List;

/**
 * The pieces {@link ReportPage} and {@link ComparisonPage} build their pages from: escaping, the
 * page frame with its inline style, and table rows.
 *
 * <p>The pages are attached to pull requests and opened from disk, so they reference nothing
 * outside themselves: no scripts, fonts, images or style sheets. Every text that comes from a run
 * (scenario names, failure messages, responses of the proxy under test) goes through {@link
 * #escape(String)}, because a proxy under test may answer with markup.
 */
final class Html {

  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#222}
      table{border-collapse:collapse;margin:.5em 0 1.5em}
      th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
      th{background:#f3f3f3}
      td.count{text-align:right}
      .result-passed,.result-success{background:#dcf3dc}
      .result-failed,.result-failure{background:#f9d6d6}
      .result-expected-failure,.result-partial{background:#fff0c2}
      .result-skipped,.result-not-run{background:#eee}
      .result-unsupported{background:#e3eaf7}
      .verdict{font-size:1.4em;font-weight:bold;padding:.2em .6em}
      dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
      dt{font-weight:bold}
      dd{margin:0}
      pre{background:#f7f7f7;border:1px solid #ddd;padding:.6em;white-space:pre-wrap;\
      word-break:break-all}
      tr.area th{background:#e8e8e8}
      """;

  /** The column headers of a counts table, after its first column. */
  static final List<String> COUNT_HEADERS =
      List.of("result", "passed", "failed", "expected-failure", "skipped", "unsupported", "total");

  private Html() {}

  /** The text with the five characters that mean something in HTML replaced by entities. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A whole page: the title as heading, the body as given (already HTML). */
  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + escape(title)
        + "</title>\n<style>\n"
        + STYLE
        + "</style>\n</head>\n<body>\n<h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "</body>\n</html>\n";
  }

  /** A header row of escaped texts. */
  static String headerRow(List<String> headers) {
    StringBuilder row = new StringBuilder("<tr>");
    headers.forEach(header -> row.append("<th>").append(escape(header)).append("</th>"));
    return row.append("</tr>\n").toString();
  }

  /** A cell showing a result label, coloured by it; {@code title} is a tooltip, may be empty. */
  static String resultCell(String label, String title) {
    return resultCell(label, title, label);
  }

  /** A cell coloured by the result label, showing the text; {@code title} may be empty. */
  static String resultCell(String label, String title, String text) {
    String tooltip = title.isEmpty() ? "" : " title=\"" + escape(title) + "\"";
    return "<td class=\"result result-"
        + escape(label)
        + "\""
        + tooltip
        + ">"
        + escape(text)
        + "</td>";
  }

  /**
   * One row of a counts table.
   *
   * @param label what was counted, e.g. a level or an area
   * @param result the result of those scenarios in the run's profile
   * @param counts the scenarios by outcome
   */
  record CountsRow(String label, String result, Counts counts) {}

  /** The cells of a counts table row after its first column: result, each outcome, total. */
  static String countCells(String result, Counts counts) {
    StringBuilder cells = new StringBuilder(resultCell(result, ""));
    counts
        .toMap()
        .values()
        .forEach(n -> cells.append("<td class=\"count\">").append(n).append("</td>"));
    return cells.append("<td class=\"count\">").append(counts.total()).append("</td>").toString();
  }

  /** A table of counts, one row per label. */
  static String countsTable(String id, String firstHeader, List<CountsRow> rows) {
    StringBuilder table = new StringBuilder("<table id=\"" + escape(id) + "\">\n");
    table.append(headerRow(concat(firstHeader, COUNT_HEADERS)));
    for (CountsRow row : rows) {
      table.append("<tr data-label=\"").append(escape(row.label())).append("\"><th>");
      table.append(escape(row.label())).append("</th>");
      table.append(countCells(row.result(), row.counts())).append("</tr>\n");
    }
    return table.append("</table>\n").toString();
  }

  /** The first element followed by the rest, for header rows. */
  static List<String> concat(String first, List<String> rest) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream())
        .toList();
  }
}
