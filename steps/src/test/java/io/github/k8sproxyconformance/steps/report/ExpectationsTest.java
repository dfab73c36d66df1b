package io.github.k8sproxyconformance.steps.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cucumber.plugin.event.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class ExpectationsTest {

  private static final URI FEATURE =
      URI.create("classpath:k8sproxyconformance/features/headers/request-headers.feature");

  @TempDir Path dir;

  private final List<ScenarioOutcome> run =
      List.of(
          outcome("known bug", Status.FAILED),
          outcome("fixed bug", Status.PASSED),
          outcome("regression", Status.FAILED),
          outcome("fine", Status.PASSED),
          new ScenarioOutcome(
              "request-headers/other profile",
              FEATURE + ":9",
              Outcome.SKIPPED,
              "skipped: profile backstage-1.9 only",
              List.of("@core"),
              List.of(),
              ""));

  @Test
  void aListedFailureIsExpectedAndOnlyAnUnlistedOneFailsTheVerdict() throws IOException {
    Expectations expectations =
        load(
            """
            - id: request-headers/known bug
              reason: "Backstage forwards it (observed: hdr-hop-by-hop)"
            - id: request-headers/fixed bug
              reason: was broken in 0.21.14
            """);

    List<ScenarioOutcome> judged = judge(expectations);
    Verdict verdict = Verdict.of("backstage-current", judged, List.of(), Optional.empty());

    assertThat(judged.get(0).outcome()).isEqualTo(Outcome.EXPECTED_FAILURE);
    assertThat(judged.get(0).expected()).contains("hdr-hop-by-hop");
    assertThat(judged.get(1).unexpectedPass()).isTrue();
    assertThat(judged.get(2).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.unexpectedFailures()).containsExactly("request-headers/regression");
    assertThat(verdict.unexpectedPasses()).containsExactly("request-headers/fixed bug");
    assertThat(
            ConsoleSummary.lines(
                judged, verdict, true, Duration.ofSeconds(2), "backstage-current", "report.html"))
        .contains(
            "Unexpected failures (evidence of each in report.html):", "  request-headers/fixed bug")
        .last()
        .isEqualTo(
            "5 scenarios: 2 passed, 1 failed, 1 expected failures, 1 skipped, 0 unsupported"
                + " (wall time 2.0 s, profile backstage-current)");
  }

  @Test
  void expectedFailuresAloneLetTheRunPassAndShowInTheReport() throws IOException {
    Expectations expectations =
        load(
            """
            - id: request-headers/known bug
              reason: forwards it
            - id: request-headers/regression
              reason: drops it
            """);
    List<ScenarioOutcome> judged = judge(expectations);
    Verdict verdict = Verdict.of("backstage-current", judged, List.of(), Optional.empty());

    Map<String, Object> report = map(yaml(report(judged, verdict)));

    assertThat(verdict.passed()).isTrue();
    assertThat(map(report.get("summary")))
        .containsEntry("result", "partial")
        .containsEntry("expected-failure", 2)
        .containsEntry("failed", 0);
    assertThat(map(report.get("expectations")))
        .containsEntry("expectedFailures", 2)
        .containsEntry("unexpectedPasses", List.of());
    Map<String, Object> first = map(((List<?>) report.get("scenarios")).get(0));
    assertThat(first)
        .containsEntry("result", "expected-failure")
        .containsEntry("expected", "forwards it");
  }

  @Test
  void anExpectationNamingNoScenarioFailsTheVerdictByName() throws IOException {
    Expectations expectations =
        load(
            """
            - id: request-headers/known bug
              reason: forwards it
            - id: request-headers/known bgu
              reason: a typo
            - id: request-headers/regression
              reason: drops it
            """);
    List<String> unmatched = expectations.unmatched(run.stream().map(ScenarioOutcome::id).toList());
    Verdict verdict =
        Verdict.of("backstage-current", judge(expectations), unmatched, Optional.empty());

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.problems())
        .containsExactly(
            "expectation matches no scenario (a typo or a renamed scenario):"
                + " request-headers/known bgu");
    assertThat(map(map(yaml(report(judge(expectations), verdict))).get("summary")))
        .containsEntry("result", "failure");
  }

  @Test
  void refusesAFileItCannotTrust() throws IOException {
    assertThatThrownBy(() -> load("- id: a/b\n"))
        .hasMessageContaining("entry 1 ('a/b') has no reason");
    assertThatThrownBy(() -> load("- id: a/b\n  reason: x\n  resaon: y\n"))
        .hasMessageContaining("unknown key 'resaon'");
    assertThatThrownBy(() -> load("- {id: a/b, reason: x}\n- {id: a/b, reason: y}\n"))
        .hasMessageContaining("entry 2 lists 'a/b' a second time");
    assertThatThrownBy(() -> load("a/b: x\n")).hasMessageContaining("must be a YAML list");
    assertThatThrownBy(() -> Expectations.load(dir.resolve("missing.yaml")))
        .hasMessageContaining("missing.yaml cannot be read");
    assertThat(load("# nothing known to fail\n").reasons()).isEmpty();
  }

  @Test
  void theBuildCheckFailsOnlyForUnexpectedFailuresOrAMissingVerdict() {
    Verdict clean =
        new Verdict(
            "backstage-current", List.of(), List.of("a/fixed"), List.of(), Optional.empty());
    Verdict broken =
        new Verdict(
            "backstage-1.9", List.of("a/regression"), List.of(), List.of(), Optional.empty());
    clean.write(dir.resolve("external.yaml"));
    broken.write(dir.resolve("backstage-1.9.yaml"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    assertThat(VerdictCheck.check(dir, List.of("external"), out)).isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("verdict of external (profile backstage-current): passed")
        .contains("unexpected pass (remove it from the expectations): a/fixed");
    assertThat(VerdictCheck.check(dir, List.of("external", "backstage-1.9", "crashed"), out))
        .containsExactly(
            "backstage-1.9: unexpected failure: a/regression",
            "crashed: no verdict at "
                + dir.resolve("crashed.yaml")
                + ": the conformance run did not finish (see the Failsafe output above)");
    assertThatThrownBy(
            () -> VerdictCheck.run(new String[] {dir.toString(), "external,backstage-1.9"}, out))
        .hasMessageContaining("backstage-1.9: unexpected failure: a/regression");
  }

  @Test
  void aRunStoppedBeforeItsScenariosIsReportedAsNotRunNotAsFailures() {
    Verdict.couldNotRun("backstage-current", "preflight: Nothing listens at http://127.0.0.1:1")
        .write(dir.resolve("external.yaml"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    List<String> problems = VerdictCheck.check(dir, List.of("external"), out);

    assertThat(Verdict.read(dir.resolve("external.yaml")).couldNotRun()).isTrue();
    assertThat(problems)
        .containsExactly(
            "external: could not run: preflight: Nothing listens at http://127.0.0.1:1");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Conformance run external (profile backstage-current) could not run: preflight")
        .doesNotContain("FAILED");
  }

  private Expectations load(String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve("expectations.yaml"), yaml);
    return Expectations.load(file);
  }

  private List<ScenarioOutcome> judge(Expectations expectations) {
    return run.stream().map(scenario -> scenario.judgedBy(expectations)).toList();
  }

  private static String report(List<ScenarioOutcome> judged, Verdict verdict) {
    return new ConformanceReport(
            Instant.EPOCH,
            "external",
            "http://127.0.0.1:7007/api/kubernetes/proxy",
            "backstage-current",
            "Backstage 0.21.15",
            Map.of(),
            Duration.ZERO,
            judged,
            Optional.of("expectations.yaml"),
            verdict)
        .toYaml();
  }

  private static Object yaml(String text) {
    return new Load(LoadSettings.builder().build()).loadFromString(text);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object yaml) {
    return (Map<String, Object>) yaml;
  }

  private static ScenarioOutcome outcome(String name, Status status) {
    Throwable error = status == Status.FAILED ? new AssertionError(name + " broke") : null;
    return ScenarioOutcome.of(FEATURE, name, 7, List.of("@core"), status, error);
  }
}
