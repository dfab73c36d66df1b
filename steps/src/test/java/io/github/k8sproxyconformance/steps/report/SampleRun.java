package io.github.k8sproxyconformance.steps.report;

import io.cucumber.plugin.event.Status;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * Runs made of real {@link ScenarioOutcome}s, for the tests of the pages: every outcome, two areas,
 * the three levels, a clause tag, and failures with evidence that has markup and a secret in it.
 */
final class SampleRun {

  /** The proxy token of the run, which must never reach a page. */
  static final String SECRET = "s3cret-proxy-token";

  static final String SELECTION = "classpath:k8sproxyconformance/features/cluster-selection/";
  static final String CREDENTIALS = "classpath:k8sproxyconformance/features/credentials/";

  private SampleRun() {}

  /** The scenarios of a run of the implementation with every outcome. */
  static List<ScenarioOutcome> scenarios() {
    Expectations expectations =
        new Expectations(
            Path.of("expectations.yaml"),
            Map.of("service-account/known bug", "Backstage sends its own token"));
    List<ScenarioOutcome> outcomes = new ArrayList<>();
    outcomes.add(outcome(SELECTION + "by-header.feature", "selects", "@core @clause-11", null));
    outcomes.add(
        outcome(
                SELECTION + "by-header.feature",
                "unknown cluster",
                "@core @clause-11 @issue-15901",
                new AssertionError("expected status 404\nbut was 200 <script>alert(1)</script>"))
            .withAttachments(
                List.of(
                    EvidenceText.capped("response", "200 OK\nAuthorization: Bearer " + SECRET),
                    EvidenceText.capped(
                        "requests received by the clusters", "[{\"cluster\": \"alpha\"}]"))));
    outcomes.add(
        outcome(
            CREDENTIALS + "service-account.feature",
            "other profile",
            "@security",
            ScenarioNotChecked.otherProfile("profile backstage-1.9 only")));
    outcomes.add(
        outcome(
            CREDENTIALS + "service-account.feature",
            "needs bundled",
            "@extended",
            ScenarioNotChecked.unsupported("reconfigures-proxy needs the bundled proxy")));
    outcomes.add(
        outcome(
                CREDENTIALS + "service-account.feature",
                "known bug",
                "@security",
                new AssertionError("expected no Authorization header but got one"))
            .withAttachments(List.of(EvidenceText.capped("target", "external proxy"))));
    return outcomes.stream()
        .map(outcome -> outcome.withEvidenceMasked(Optional.of(SECRET)))
        .map(outcome -> outcome.judgedBy(expectations))
        .toList();
  }

  /** A report of the scenarios by the implementation. */
  static ConformanceReport report(String implementation, List<ScenarioOutcome> scenarios) {
    return new ConformanceReport(
        Instant.parse("2026-01-02T03:04:05Z"),
        "external",
        "http://127.0.0.1:7007/api/kubernetes/proxy",
        "backstage-current",
        implementation,
        Map.of("conformance.profile", "backstage-current"),
        Duration.ofMillis(12_345),
        scenarios,
        Optional.of("expectations.yaml"),
        Verdict.of("backstage-current", scenarios, List.of(), Optional.empty()));
  }

  static ScenarioOutcome outcome(String feature, String name, String tags, Throwable error) {
    Status status =
        error == null
            ? Status.PASSED
            : error instanceof TestAbortedException ? Status.SKIPPED : Status.FAILED;
    return ScenarioOutcome.of(
        URI.create(feature), name, 3, List.of(tags.split(" ")), status, error);
  }
}
