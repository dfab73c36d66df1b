package io.github.k8sproxyconformance.steps.report;

import static io.github.k8sproxyconformance.steps.report.Html.escape;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTML page of a {@link Comparison}: a table of the runs with their verdict and level
 * summaries, then one table of every scenario with a column per run, a header row per area.
 *
 * <p>Self-contained like {@code report.html}, so it can be published as one file.
 */
final class ComparisonPage {

  private ComparisonPage() {}

  static String html(Comparison comparison) {
    List<PublishedReport> runs = comparison.runs();
    StringBuilder body = new StringBuilder("<h2 id=\"runs\">Implementations</h2>\n");
    List<String> headers =
        new ArrayList<>(List.of("implementation", "profile", "target", "date", "result"));
    headers.addAll(ConformanceReport.LEVELS);
    body.append("<table id=\"run-table\">\n").append(Html.headerRow(headers));
    for (PublishedReport run : runs) {
      body.append("<tr class=\"run\"><th>").append(escape(run.implementation())).append("</th>");
      body.append("<td>").append(escape(run.profile())).append("</td><td>");
      body.append(escape(run.target())).append("</td><td>").append(escape(run.date()));
      body.append("</td>").append(Html.resultCell(run.result(), run.source().toString()));
      for (String level : ConformanceReport.LEVELS) {
        Counts counts = run.level(level);
        String summary = run.levelResult(level) + ": " + ComparisonMarkdown.summary(counts);
        body.append(Html.resultCell(run.levelResult(level), "", summary));
      }
      body.append("</tr>\n");
    }
    body.append("</table>\n<h2 id=\"scenarios\">Scenarios</h2>\n");
    body.append("<table id=\"scenario-table\">\n<tr><th>scenario</th>");
    for (int i = 0; i < runs.size(); i++) {
      body.append("<th class=\"run\" data-column=\"").append(i).append("\">");
      body.append(escape(runs.get(i).label())).append("</th>");
    }
    body.append("</tr>\n");
    comparison
        .scenarioIdsByArea()
        .forEach(
            (area, ids) -> {
              body.append("<tr class=\"area\" data-area=\"").append(escape(area)).append("\">");
              body.append("<th colspan=\"").append(runs.size() + 1).append("\">");
              body.append(escape(area)).append("</th></tr>\n");
              ids.forEach(id -> body.append(row(runs, id)));
            });
    body.append("</table>\n");
    return Html.page("Conformance comparison", body.toString());
  }

  private static String row(List<PublishedReport> runs, String id) {
    StringBuilder row = new StringBuilder("<tr class=\"scenario\" data-scenario=\"");
    row.append(escape(id)).append("\"><td class=\"id\">").append(escape(id)).append("</td>");
    runs.forEach(
        run -> row.append(Html.resultCell(Comparison.result(run, id), Comparison.reason(run, id))));
    return row.append("</tr>\n").toString();
  }
}
