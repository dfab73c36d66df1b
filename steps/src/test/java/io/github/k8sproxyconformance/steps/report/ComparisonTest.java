package io.github.k8sproxyconformance.steps.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

  @TempDir Path dir;

  /** Two report.yaml files as runs write them: a full run, and a run lacking one scenario. */
  private List<Path> reports() throws IOException {
    List<ScenarioOutcome> full = SampleRun.scenarios();
    List<ScenarioOutcome> older = new ArrayList<>(full.subList(0, 4));
    older.set(
        1,
        SampleRun.outcome(
            SampleRun.SELECTION + "by-header.feature", "unknown cluster", "@core", null));
    Path first = write("backstage", SampleRun.report("Backstage 0.21.15", full));
    Path second = write("reference", SampleRun.report("reference | proxy", older));
    return List.of(first, second);
  }

  private Path write(String name, ConformanceReport report) throws IOException {
    Path file = dir.resolve(name).resolve("report.yaml");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, report.toYaml());
  }

  @Test
  void putsEveryScenarioInARowUnderItsAreaWithAColumnPerRun() throws IOException {
    Document page = Jsoup.parse(Comparison.read(reports()).html());

    assertThat(page.select("#scenario-table th.run").eachText())
        .containsExactly(
            "Backstage 0.21.15 (backstage-current)", "reference | proxy (backstage-current)");
    List<String> rows = new ArrayList<>();
    page.select("#scenario-table tr.area, #scenario-table tr.scenario")
        .forEach(row -> rows.add(String.join(" / ", ReportPageTest.cells(row))));
    assertThat(rows)
        .containsExactly(
            "cluster-selection",
            "by-header/selects / passed / passed",
            "by-header/unknown cluster / failed / passed",
            "credentials",
            "service-account/other profile / skipped / skipped",
            "service-account/needs bundled / unsupported / unsupported",
            "service-account/known bug / expected-failure / not-run");
    Element failed =
        page.selectFirst("tr[data-scenario=\"by-header/unknown cluster\"] td.result-failed");
    assertThat(failed.attr("title")).startsWith("expected status 404 but was 200");
    ReportPageTest.assertSelfContained(page);
  }

  @Test
  void summarisesEachRunByLevelOnTop() throws IOException {
    Document page = Jsoup.parse(Comparison.read(reports()).html());

    List<Element> runs = page.select("#run-table tr.run");
    assertThat(runs).hasSize(2);
    assertThat(ReportPageTest.cells(runs.get(0)))
        .containsExactly(
            "Backstage 0.21.15",
            "backstage-current",
            "external http://127.0.0.1:7007/api/kubernetes/proxy",
            "2026-01-02T03:04:05Z",
            "failure",
            "failure: 1 passed, 1 failed",
            "success: 1 unsupported",
            "partial: 1 expected-failure, 1 skipped");
    assertThat(ReportPageTest.cells(runs.get(1)).get(5)).isEqualTo("success: 2 passed");
  }

  @Test
  void writesTheSameComparisonAsMarkdownTables() throws IOException {
    Path md = dir.resolve("out/comparison.md");
    Comparison.read(reports()).writeMarkdown(md);

    List<String> lines = Files.readAllLines(md);
    assertThat(lines)
        .containsSubsequence(
            "| Implementation | Profile | Result | core | extended | security |",
            "| --- | --- | --- | --- | --- | --- |",
            "| Backstage 0.21.15 | backstage-current | failure | failure: 1 passed, 1 failed"
                + " | success: 1 unsupported | partial: 1 expected-failure, 1 skipped |",
            "| reference \\| proxy | backstage-current | partial | success: 2 passed"
                + " | success: 1 unsupported | partial: 1 skipped |",
            "## cluster-selection",
            "| Scenario | Backstage 0.21.15 (backstage-current) | reference \\| proxy (backstage-current) |",
            "| --- | --- | --- |",
            "| by-header/selects | passed | passed |",
            "| by-header/unknown cluster | failed | passed |",
            "## credentials",
            "| service-account/known bug | expected-failure | not-run |");
    assertThat(lines.stream().filter(line -> line.startsWith("| ") && line.contains("/")))
        .hasSize(5);
  }

  @Test
  void namesTheFileThatIsNotAConformanceReport() throws IOException {
    Path verdict = Files.writeString(dir.resolve("verdict.yaml"), "profile: backstage-current\n");
    Path missing = dir.resolve("missing.yaml");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "kind: [unclosed\n");

    assertThatThrownBy(() -> Comparison.read(List.of(verdict)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(verdict + " is not a conformance report")
        .hasMessageContaining("kind: ConformanceReport");
    assertThatThrownBy(() -> Comparison.read(List.of(missing)))
        .hasMessageContaining("no conformance report at " + missing);
    assertThatThrownBy(() -> Comparison.read(List.of(broken)))
        .hasMessageContaining("cannot read the conformance report " + broken);
    assertThatThrownBy(() -> Comparison.read(List.of())).hasMessageContaining("no report.yaml");
  }

  @Test
  void theCiEntryPointWritesHtmlAndMarkdown() throws IOException {
    List<Path> reports = reports();
    Path out = dir.resolve("ci");
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    CompareReports.run(
        new String[] {out.toString(), reports.get(0) + "," + reports.get(1)},
        new PrintStream(console, true, StandardCharsets.UTF_8));

    assertThat(out.resolve("comparison.html")).exists();
    assertThat(out.resolve("comparison.md")).exists();
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("comparison of 2 runs");
    assertThatThrownBy(() -> CompareReports.run(new String[] {out.toString(), null}, System.out))
        .hasMessageStartingWith("usage: CompareReports");
  }
}
