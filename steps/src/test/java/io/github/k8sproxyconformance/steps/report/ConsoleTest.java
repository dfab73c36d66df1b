package io.github.k8sproxyconformance.steps.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.plugin.event.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConsoleTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void printsALinePerFeatureFileWhenNotATerminal() {
    Progress progress = new Progress(out, false, () -> OptionalInt.of(4));
    progress.scenarioFinished("mount-prefix", false);
    progress.scenarioFinished("mount-prefix", true);
    progress.scenarioFinished("streaming", false);
    progress.scenarioFinished("streaming", false);
    progress.finish();

    assertThat(printed.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "    2/4 done, 1 failed  mount-prefix: 2 scenarios, 1 failed",
            "    4/4 done, 1 failed  streaming: 2 scenarios");
  }

  @Test
  void rewritesOneLineOnATerminal() {
    Progress progress = new Progress(out, true, OptionalInt::empty);
    progress.scenarioFinished("mount-prefix", false);
    progress.scenarioFinished("mount-prefix", true);
    progress.finish();

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "\r    1 done, 0 failed (mount-prefix)\r    2 done, 1 failed (mount-prefix)"
                + System.lineSeparator());
  }

  @Test
  void countsPerLevelAndListsAtMostTwentyFailures() {
    List<ScenarioOutcome> run =
        IntStream.range(0, 25)
            .mapToObj(
                i ->
                    ScenarioOutcome.of(
                        URI.create("classpath:features/errors/unknown-cluster.feature"),
                        "fails " + i,
                        i + 1,
                        List.of(i == 0 ? "@security" : "@core"),
                        Status.FAILED,
                        new AssertionError("expected status 404 but was 200")))
            .toList();
    Verdict verdict = Verdict.of("backstage-current", run, List.of(), Optional.empty());

    List<String> lines =
        ConsoleSummary.lines(
            run, verdict, false, Duration.ofSeconds(1), "backstage-current", "report.html");

    assertThat(lines)
        .startsWith(
            "By level:",
            "  core      0 passed, 24 failed, 0 skipped, 0 unsupported",
            "  extended  0 passed, 0 failed, 0 skipped, 0 unsupported",
            "  security  0 passed, 1 failed, 0 skipped, 0 unsupported",
            "Failed scenarios (evidence of each in report.html):",
            "  unknown-cluster/fails 0 (classpath:features/errors/unknown-cluster.feature:1)",
            "      expected status 404 but was 200")
        .contains("  ... and 5 more, in the report")
        .doesNotContain(
            "  unknown-cluster/fails 20 (classpath:features/errors/unknown-cluster.feature:21)")
        .last()
        .isEqualTo(
            "25 scenarios: 0 passed, 25 failed, 0 skipped, 0 unsupported"
                + " (wall time 1.0 s, profile backstage-current)");
  }
}
