package io.github.k8sproxyconformance.steps.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ReportPageTest {

  private final List<ScenarioOutcome> scenarios = SampleRun.scenarios();
  private final String html = ReportPage.html(SampleRun.report("proxy <under> test", scenarios));
  private final Document page = Jsoup.parse(html);

  @Test
  void showsTheVerdictWithTargetProfileImplementationAndCounts() {
    assertThat(page.title())
        .isEqualTo("Conformance report: proxy <under> test (backstage-current)");
    Element verdict = page.getElementById("verdict");
    assertThat(verdict.selectFirst(".verdict").text()).isEqualTo("failure");
    assertThat(verdict.select("dd").eachText())
        .contains(
            "proxy <under> test",
            "backstage-current",
            "external http://127.0.0.1:7007/api/kubernetes/proxy",
            "12.3 s");
    assertThat(cells(page.selectFirst("#summary-table tr[data-label=all]")))
        .containsExactly("all", "failure", "1", "1", "1", "1", "1", "5");
  }

  @Test
  void countsEachLevelAndEachArea() {
    assertThat(cells(page.selectFirst("#level-table tr[data-label=core]")))
        .containsExactly("core", "failure", "1", "1", "0", "0", "0", "2");
    assertThat(cells(page.selectFirst("#level-table tr[data-label=security]")))
        .containsExactly("security", "partial", "0", "0", "1", "1", "0", "2");
    assertThat(page.select("#area-table tr[data-label]").eachAttr("data-label"))
        .containsExactly("cluster-selection", "credentials");
    assertThat(cells(page.selectFirst("#area-table tr[data-label=credentials]")))
        .containsExactly("credentials", "partial", "0", "0", "1", "1", "1", "3");
  }

  @Test
  void listsEveryScenarioWithItsResultAndReasonUnderItsArea() {
    Map<String, String> shown = new LinkedHashMap<>();
    page.select("tr.scenario")
        .forEach(row -> shown.put(row.attr("data-scenario"), row.selectFirst("td.result").text()));
    Map<String, String> expected = new LinkedHashMap<>();
    scenarios.forEach(scenario -> expected.put(scenario.id(), scenario.outcome().label()));
    assertThat(shown).isEqualTo(expected);
    Element unsupported =
        page.selectFirst(
            "table[data-area=credentials] tr[data-scenario=\"service-account/needs bundled\"]");
    assertThat(unsupported.selectFirst("td.reason").text())
        .isEqualTo("unsupported: reconfigures-proxy needs the bundled proxy");
    assertThat(page.selectFirst("tr[data-scenario=\"service-account/known bug\"] td.reason").text())
        .startsWith("expected: Backstage sends its own token; expected no Authorization header");
  }

  @Test
  void givesEachFailureItsEvidenceLinkedFromItsRow() {
    List<String> failed =
        scenarios.stream()
            .filter(s -> s.outcome() == Outcome.FAILED || s.outcome() == Outcome.EXPECTED_FAILURE)
            .map(ScenarioOutcome::id)
            .toList();
    assertThat(page.select("article.failure").eachAttr("data-scenario"))
        .containsExactlyElementsOf(failed);
    for (String id : failed) {
      String link = page.selectFirst("tr[data-scenario=\"" + id + "\"] a").attr("href");
      Element failure = page.getElementById(link.substring(1));
      assertThat(failure.attr("data-scenario")).isEqualTo(id);
      assertThat(failure.select("pre.evidence")).isNotEmpty();
    }
    Element unknown = page.selectFirst("article[data-scenario=\"by-header/unknown cluster\"]");
    assertThat(unknown.select("pre.evidence").eachAttr("data-name"))
        .containsExactly("failure message", "response", "requests received by the clusters");
    assertThat(unknown.selectFirst("pre[data-name=\"failure message\"]").wholeText())
        .isEqualTo("expected status 404\nbut was 200 <script>alert(1)</script>");
    assertThat(unknown.selectFirst("pre[data-name=response]").wholeText())
        .isEqualTo("200 OK\nAuthorization: Bearer ****");
    assertThat(unknown.text()).contains("https://github.com/backstage/backstage/issues/15901");
  }

  @Test
  void escapesWhatTheProxyAnsweredAndNeverShowsTheToken() {
    assertThat(page.select("script")).isEmpty();
    assertThat(html).doesNotContain("<script>", "<under>").doesNotContain(SampleRun.SECRET);
  }

  @Test
  void keepsTheEvidenceOutOfReportYaml() {
    String yaml = SampleRun.report("proxy", scenarios).toYaml();

    assertThat(yaml).doesNotContain("failure message", "requests received by the clusters");
  }

  @Test
  void referencesNothingOutsideTheFile() {
    assertSelfContained(page);
  }

  @Test
  void groupsTheScenariosByContractClause() {
    Element clause = page.selectFirst("#clause-table tr[data-clause=11]");
    assertThat(cells(clause).subList(0, 8))
        .containsExactly("11", "failure", "1", "1", "0", "0", "0", "2");
    assertThat(clause.text()).contains("by-header/selects (passed)", "by-header/unknown cluster");
  }

  /** No scripts, style sheets, images or frames, and links only within the page. */
  static void assertSelfContained(Document page) {
    assertThat(page.select("script, link, img, iframe, object, embed")).isEmpty();
    assertThat(page.select("[src]")).isEmpty();
    assertThat(page.select("[href]").eachAttr("href")).allMatch(href -> href.startsWith("#"));
    assertThat(page.select("style").html()).doesNotContain("url(", "@import");
  }

  static List<String> cells(Element row) {
    return row.select("th, td").eachText();
  }
}
