package io.github.k8sproxyconformance.steps.report;

import static io.github.k8sproxyconformance.steps.report.Html.escape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: the report of one run for people, written beside {@code report.yaml}.
 *
 * <p>{@code report.yaml} is for tools and proof; a proxy author attaching a run to a pull request
 * needs a page that opens from disk and answers, in order: what was tested and the verdict, how
 * each level and area did, every scenario with its result, the contract clauses, and for each
 * failure the evidence (the failure message with what was expected and what came back, the request
 * sent, the response, what the clusters received). One self-contained file: inline style, no
 * scripts, nothing fetched.
 */
public final class ReportPage {

  private ReportPage() {}

  /** The page for the report. */
  public static String html(ConformanceReport report) {
    List<ScenarioOutcome> failures =
        report.scenarios().stream().filter(ReportPage::hasEvidenceSection).toList();
    StringBuilder body = new StringBuilder();
    body.append(verdict(report));
    body.append("<h2 id=\"levels\">By level</h2>\n");
    List<Html.CountsRow> levels =
        ConformanceReport.LEVELS.stream()
            .map(level -> countsRow(report, level, report.inLevel(level)))
            .toList();
    body.append(Html.countsTable("level-table", "level", levels));
    Map<String, List<ScenarioOutcome>> byArea = byArea(report.scenarios());
    body.append("<h2 id=\"areas\">By area</h2>\n");
    List<Html.CountsRow> areas =
        byArea.entrySet().stream()
            .map(area -> countsRow(report, area.getKey(), area.getValue()))
            .toList();
    body.append(Html.countsTable("area-table", "area", areas));
    body.append("<h2 id=\"scenarios\">Scenarios</h2>\n");
    byArea.forEach((area, scenarios) -> body.append(scenarioTable(area, scenarios, failures)));
    body.append(clauses(report));
    body.append("<h2 id=\"failures\">Failures and their evidence</h2>\n");
    if (failures.isEmpty()) {
      body.append("<p>No scenario failed.</p>\n");
    }
    for (int i = 0; i < failures.size(); i++) {
      body.append(failure(i, failures.get(i)));
    }
    return Html.page(
        "Conformance report: " + report.implementation() + " (" + report.profile() + ")",
        body.toString());
  }

  /** The scenarios grouped by area, areas in alphabetical order, scenarios as they finished. */
  static Map<String, List<ScenarioOutcome>> byArea(List<ScenarioOutcome> scenarios) {
    Map<String, List<ScenarioOutcome>> byArea = new LinkedHashMap<>();
    scenarios.stream()
        .map(ScenarioOutcome::area)
        .distinct()
        .sorted()
        .forEach(area -> byArea.put(area, new ArrayList<>()));
    scenarios.forEach(scenario -> byArea.get(scenario.area()).add(scenario));
    return byArea;
  }

  private static Html.CountsRow countsRow(
      ConformanceReport report, String label, List<ScenarioOutcome> scenarios) {
    return new Html.CountsRow(label, report.resultOf(scenarios), Counts.of(scenarios));
  }

  private static boolean hasEvidenceSection(ScenarioOutcome scenario) {
    return scenario.outcome() == Outcome.FAILED || scenario.outcome() == Outcome.EXPECTED_FAILURE;
  }

  private static String verdict(ConformanceReport report) {
    StringBuilder html = new StringBuilder("<section id=\"verdict\">\n");
    html.append("<p>Verdict: <span class=\"verdict result-")
        .append(escape(report.result()))
        .append("\">")
        .append(escape(report.result()))
        .append("</span></p>\n<dl>\n");
    definition(html, "implementation", report.implementation());
    definition(html, "profile", report.profile());
    definition(html, "target", report.mode() + " " + report.url());
    definition(html, "date", report.date().toString());
    definition(html, "wall time", report.wallTime().toMillis() / 100 / 10.0 + " s");
    report.expectationsFile().ifPresent(file -> definition(html, "expectations", file));
    html.append("</dl>\n");
    html.append(
        Html.countsTable(
            "summary-table",
            "run",
            List.of(new Html.CountsRow("all", report.result(), Counts.of(report.scenarios())))));
    Verdict verdict = report.verdict();
    List<String> notes = new ArrayList<>(verdict.problems());
    verdict
        .unexpectedPasses()
        .forEach(id -> notes.add("unexpected pass (the expectations file lists it): " + id));
    if (!notes.isEmpty()) {
      html.append("<ul id=\"verdict-notes\">\n");
      notes.forEach(note -> html.append("<li>").append(escape(note)).append("</li>\n"));
      html.append("</ul>\n");
    }
    return html.append("</section>\n").toString();
  }

  private static void definition(StringBuilder html, String term, String value) {
    html.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value));
    html.append("</dd>\n");
  }

  private static String scenarioTable(
      String area, List<ScenarioOutcome> scenarios, List<ScenarioOutcome> failures) {
    StringBuilder html = new StringBuilder();
    html.append("<h3 id=\"area-").append(escape(area)).append("\">").append(escape(area));
    html.append("</h3>\n<table class=\"scenarios\" data-area=\"").append(escape(area));
    html.append("\">\n").append(Html.headerRow(List.of("scenario", "level", "result", "reason")));
    for (ScenarioOutcome scenario : scenarios) {
      html.append("<tr class=\"scenario\" data-scenario=\"").append(escape(scenario.id()));
      html.append("\"><td class=\"id\">").append(escape(scenario.id())).append("</td><td>");
      html.append(escape(scenario.level())).append("</td>");
      html.append(Html.resultCell(scenario.outcome().label(), ""));
      html.append("<td class=\"reason\">").append(escape(reason(scenario)));
      int failure = failures.indexOf(scenario);
      if (failure >= 0) {
        html.append(" <a href=\"#failure-").append(failure).append("\">evidence</a>");
      }
      html.append("</td></tr>\n");
    }
    return html.append("</table>\n").toString();
  }

  private static String reason(ScenarioOutcome scenario) {
    if (scenario.unexpectedPass()) {
      return "passed although expected to fail: " + scenario.expected();
    }
    if (scenario.outcome() == Outcome.EXPECTED_FAILURE) {
      return "expected: " + scenario.expected() + "; " + scenario.reason();
    }
    return scenario.reason();
  }

  private static String clauses(ConformanceReport report) {
    StringBuilder html = new StringBuilder("<h2 id=\"clauses\">Contract clauses</h2>\n");
    html.append(
        "<p>The scenarios grouped by the clause of docs/contract-clauses.md they check.</p>\n");
    html.append("<table id=\"clause-table\">\n");
    html.append(Html.headerRow(clauseHeaders()));
    ClauseTags.byClause(report.scenarios(), ScenarioOutcome::tags)
        .forEach(
            (clause, checked) -> {
              html.append("<tr data-clause=\"").append(clause).append("\"><th>").append(clause);
              html.append("</th>")
                  .append(Html.countCells(report.resultOf(checked), Counts.of(checked)));
              html.append("<td>");
              checked.forEach(
                  scenario ->
                      html.append(escape(scenario.id()))
                          .append(" (")
                          .append(escape(scenario.outcome().label()))
                          .append(")<br>"));
              html.append("</td></tr>\n");
            });
    return html.append("</table>\n").toString();
  }

  private static List<String> clauseHeaders() {
    List<String> headers = new ArrayList<>(Html.concat("clause", Html.COUNT_HEADERS));
    headers.add("scenarios");
    return headers;
  }

  private static String failure(int index, ScenarioOutcome scenario) {
    StringBuilder html = new StringBuilder();
    html.append("<article class=\"failure\" id=\"failure-").append(index);
    html.append("\" data-scenario=\"").append(escape(scenario.id())).append("\">\n<h3>");
    html.append(escape(scenario.id())).append("</h3>\n<p>");
    html.append(escape(scenario.outcome().label())).append(" at ");
    html.append(escape(scenario.location())).append("</p>\n");
    if (!scenario.expected().isEmpty()) {
      html.append("<p>Expected to fail: ").append(escape(scenario.expected())).append("</p>\n");
    }
    scenario
        .issues()
        .forEach(
            issue -> html.append("<p>Backstage issue: ").append(escape(issue)).append("</p>\n"));
    if (scenario.evidence().isEmpty()) {
      html.append("<p class=\"evidence-none\">").append(escape(scenario.reason())).append("</p>\n");
    }
    for (EvidenceText evidence : scenario.evidence()) {
      html.append("<h4>").append(escape(evidence.name())).append("</h4>\n");
      html.append("<pre class=\"evidence\" data-name=\"").append(escape(evidence.name()));
      html.append("\">").append(escape(evidence.text())).append("</pre>\n");
    }
    return html.append("</article>\n").toString();
  }
}
