package io.github.k8sproxyconformance.steps.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.plugin.event.Status;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class ReportTest {

  private static final URI FEATURE =
      URI.create("classpath:k8sproxyconformance/features/errors/unknown-cluster.feature");

  private final List<ScenarioOutcome> run =
      List.of(
          outcome("passes", List.of("@core"), Status.PASSED, null),
          outcome(
              "fails",
              List.of("@core", "@issue-15901"),
              Status.FAILED,
              new AssertionError("expected status 404\nbut was 200")),
          outcome("undefined", List.of("@extended"), Status.UNDEFINED, null),
          outcome(
              "other profile",
              List.of("@security"),
              Status.SKIPPED,
              ScenarioNotChecked.otherProfile("profile backstage-1.9 only")),
          outcome(
              "external",
              List.of("@extended"),
              Status.SKIPPED,
              ScenarioNotChecked.unsupported("reconfigures-proxy needs the bundled proxy")));

  @Test
  void countsUndefinedAsFailedAndUnsupportedApartFromSkipped() {
    assertThat(Counts.of(run)).isEqualTo(new Counts(1, 2, 0, 1, 1));
    assertThat(run.get(2).reason()).isEqualTo("undefined step");
    assertThat(run.get(1).reason()).isEqualTo("expected status 404 but was 200");
  }

  @Test
  void endsTheConsoleSummaryWithTheCountsLine() {
    List<String> lines =
        ConsoleSummary.lines(
            run,
            verdict(run),
            false,
            Duration.ofMillis(12_345),
            "backstage-current",
            "report.html");

    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "5 scenarios: 1 passed, 2 failed, 1 skipped, 1 unsupported"
                + " (wall time 12.3 s, profile backstage-current)");
    assertThat(lines)
        .contains(
            "  unknown-cluster/fails (" + FEATURE + ":7)", "      expected status 404 but was 200");
  }

  @Test
  void writesLevelsScenariosAndIssueLinksIntoTheYamlReport() {
    ConformanceReport report =
        new ConformanceReport(
            Instant.parse("2026-01-02T03:04:05Z"),
            "bundled",
            "http://127.0.0.1:1234/api/kubernetes/proxy",
            "backstage-current",
            "reference-proxy",
            Map.of("conformance.profile", "backstage-current"),
            Duration.ofSeconds(3),
            run,
            Optional.empty(),
            verdict(run));

    Map<String, Object> yaml =
        map(new Load(LoadSettings.builder().build()).loadFromString(report.toYaml()));

    assertThat(map(yaml.get("target"))).containsEntry("mode", "bundled");
    assertThat(map(yaml.get("summary"))).containsEntry("result", "failure");
    Map<String, Object> levels = map(yaml.get("levels"));
    assertThat(map(levels.get("core"))).containsEntry("passed", 1).containsEntry("failed", 1);
    assertThat(map(levels.get("extended")))
        .containsEntry("failed", 1)
        .containsEntry("unsupported", 1);
    assertThat(map(levels.get("security"))).containsEntry("skipped", 1);
    Map<String, Object> failed = map(((List<?>) yaml.get("scenarios")).get(1));
    assertThat(failed)
        .containsEntry("id", "unknown-cluster/fails")
        .containsEntry("result", "failed")
        .containsEntry("reason", "expected status 404 but was 200")
        .containsEntry("issues", List.of("https://github.com/backstage/backstage/issues/15901"));
  }

  @SuppressWarnings("unchecked")
  private static <K> Map<K, Object> map(Object yaml) {
    return (Map<K, Object>) yaml;
  }

  @Test
  void leavesScenariosOfTheOtherProfileOutOfTheVerdict() {
    List<ScenarioOutcome> otherProfileSkipped =
        List.of(
            outcome("passes", List.of("@core"), Status.PASSED, null),
            outcome(
                "other profile",
                List.of("@core", "@profile-backstage-1.9"),
                Status.SKIPPED,
                ScenarioNotChecked.otherProfile("profile backstage-1.9 only")),
            outcome(
                "no environment",
                List.of("@core", "@profile-backstage-current"),
                Status.SKIPPED,
                new TestAbortedException("skipped: Docker is not available")));

    assertThat(summary(otherProfileSkipped.subList(0, 2))).containsEntry("result", "success");
    assertThat(summary(otherProfileSkipped)).containsEntry("result", "partial");
  }

  @Test
  void groupsTheResultsByContractClauseInAscendingOrder() {
    List<ScenarioOutcome> tagged =
        List.of(
            outcome("selects", List.of("@core", "@clause-11"), Status.PASSED, null),
            outcome(
                "no header",
                List.of("@core", "@clause-14", "@clause-11"),
                Status.FAILED,
                new AssertionError("expected 404")),
            outcome("beyond Backstage", List.of("@security"), Status.PASSED, null));

    Map<String, Object> yaml = yaml(tagged);
    Map<Object, Object> clauses = map(yaml.get("clauses"));

    assertThat(clauses.keySet()).containsExactly(11, 14);
    assertThat(map(clauses.get(11)))
        .containsEntry("passed", 1)
        .containsEntry("failed", 1)
        .containsEntry("skipped", 0)
        .containsEntry(
            "scenarios", List.of("unknown-cluster/selects", "unknown-cluster/no header"));
    assertThat(map(clauses.get(14)))
        .containsEntry("failed", 1)
        .containsEntry("scenarios", List.of("unknown-cluster/no header"));
    assertThat(List.copyOf(yaml.keySet())).containsSubsequence("levels", "clauses", "scenarios");
  }

  private static Map<String, Object> summary(List<ScenarioOutcome> scenarios) {
    return map(yaml(scenarios).get("summary"));
  }

  private static Map<String, Object> yaml(List<ScenarioOutcome> scenarios) {
    ConformanceReport report =
        new ConformanceReport(
            Instant.EPOCH,
            "bundled",
            "http://127.0.0.1:1/p",
            "backstage-current",
            "reference-proxy",
            Map.of(),
            Duration.ZERO,
            scenarios,
            Optional.empty(),
            verdict(scenarios));
    return map(new Load(LoadSettings.builder().build()).loadFromString(report.toYaml()));
  }

  private static Verdict verdict(List<ScenarioOutcome> scenarios) {
    return Verdict.of("backstage-current", scenarios, List.of(), Optional.empty());
  }

  private static ScenarioOutcome outcome(
      String name, List<String> tags, Status status, Throwable error) {
    return ScenarioOutcome.of(FEATURE, name, 7, tags, status, error);
  }
}
