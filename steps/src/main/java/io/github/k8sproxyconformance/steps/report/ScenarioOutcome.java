package io.github.k8sproxyconformance.steps.report;

import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scenario's line in the report: who it is, how it ended and why.
 *
 * @param id the feature file name without extension, a slash and the scenario name
 * @param location the feature file and line, e.g. {@code
 *     classpath:k8sproxyconformance/features/errors/unknown-cluster.feature:12}
 * @param outcome the verdict
 * @param reason for failures and skips, the error message on one line; otherwise empty
 * @param tags the scenario's tags with their {@code @}
 * @param issues links to the Backstage issues named by {@code @issue-<n>} tags
 * @param expected why the expectations file says this scenario fails; empty when it is not listed
 * @param evidence for failures, the whole failure message and the text attachments of the scenario,
 *     for {@code report.html}; not written to {@code report.yaml}, whose format is fixed
 */
public record ScenarioOutcome(
    String id,
    String location,
    Outcome outcome,
    String reason,
    List<String> tags,
    List<String> issues,
    String expected,
    List<EvidenceText> evidence) {

  private static final Pattern ISSUE_TAG = Pattern.compile("@issue-(\\d+)");
  private static final int MAX_REASON = 300;
  private static final String ISSUES = "https://github.com/backstage/backstage/issues/";
  private static final String FAILURE_MESSAGE = "failure message";

  public ScenarioOutcome {
    tags = List.copyOf(tags);
    issues = List.copyOf(issues);
    evidence = List.copyOf(evidence);
  }

  /** An outcome without evidence, as read back from a {@code report.yaml}. */
  public ScenarioOutcome(
      String id,
      String location,
      Outcome outcome,
      String reason,
      List<String> tags,
      List<String> issues,
      String expected) {
    this(id, location, outcome, reason, tags, issues, expected, List.of());
  }

  /** The outcome of a finished Cucumber test case. */
  public static ScenarioOutcome of(TestCase testCase, Result result) {
    return of(
        testCase.getUri(),
        testCase.getName(),
        testCase.getLocation().getLine(),
        testCase.getTags(),
        result.getStatus(),
        result.getError());
  }

  /** The outcome of a scenario described by its parts; what {@link #of(TestCase, Result)} uses. */
  public static ScenarioOutcome of(
      URI uri, String name, int line, List<String> tags, Status status, Throwable error) {
    Outcome outcome = Outcome.of(status, error);
    String reason = outcome == Outcome.PASSED ? "" : reason(status, error);
    List<String> issues =
        tags.stream()
            .map(ISSUE_TAG::matcher)
            .filter(Matcher::matches)
            .map(matcher -> ISSUES + matcher.group(1))
            .toList();
    List<EvidenceText> evidence =
        outcome == Outcome.FAILED && error != null && error.getMessage() != null
            ? List.of(EvidenceText.capped(FAILURE_MESSAGE, error.getMessage().strip()))
            : List.of();
    return new ScenarioOutcome(
        featureStem(uri) + "/" + name,
        uri + ":" + line,
        outcome,
        reason,
        tags,
        issues,
        "",
        evidence);
  }

  /**
   * This outcome with the attachments of its scenario added to its evidence when it failed; an
   * attachment repeating the failure message is left out.
   */
  public ScenarioOutcome withAttachments(List<EvidenceText> attachments) {
    if (outcome != Outcome.FAILED || attachments.isEmpty()) {
      return this;
    }
    List<EvidenceText> all = new ArrayList<>(evidence);
    attachments.stream()
        .filter(attached -> evidence.stream().noneMatch(e -> e.text().equals(attached.text())))
        .forEach(all::add);
    return new ScenarioOutcome(id, location, outcome, reason, tags, issues, expected, all);
  }

  /** This outcome with the secret masked in its evidence, for anything that leaves the run. */
  public ScenarioOutcome withEvidenceMasked(Optional<String> secret) {
    List<EvidenceText> masked = evidence.stream().map(e -> e.masked(secret)).toList();
    return new ScenarioOutcome(id, location, outcome, reason, tags, issues, expected, masked);
  }

  /**
   * The area of the suite the scenario belongs to: the folder of its feature file, e.g. {@code
   * errors}; empty when the location names no folder.
   */
  public String area() {
    String path = location.replaceFirst(":\\d+$", "");
    String[] parts = path.split("[/:]");
    return parts.length >= 2 ? parts[parts.length - 2] : "";
  }

  /** The conformance level tagged on the scenario, or {@code none}. */
  public String level() {
    return ConformanceReport.LEVELS.stream()
        .filter(level -> tags.contains("@" + level))
        .findFirst()
        .orElse("none");
  }

  /**
   * This outcome as the expectations see it: a failure they list becomes an expected failure, and
   * any listed scenario carries the listed reason, so a pass of it shows as unexpected.
   */
  public ScenarioOutcome judgedBy(Expectations expectations) {
    return expectations
        .reasonFor(id)
        .map(
            listed ->
                new ScenarioOutcome(
                    id,
                    location,
                    outcome == Outcome.FAILED ? Outcome.EXPECTED_FAILURE : outcome,
                    reason,
                    tags,
                    issues,
                    listed,
                    evidence))
        .orElse(this);
  }

  /** The feature file's name without extension: the part of the id before the first slash. */
  public String feature() {
    return id.substring(0, id.indexOf('/'));
  }

  /** Passed although the expectations file lists it as failing: the entry may be obsolete. */
  public boolean unexpectedPass() {
    return outcome == Outcome.PASSED && !expected.isEmpty();
  }

  private static String reason(Status status, Throwable error) {
    return switch (status) {
      case UNDEFINED -> "undefined step";
      case AMBIGUOUS -> "ambiguous step definitions" + oneLine(error).map(s -> ": " + s).orElse("");
      case PENDING -> "pending step" + oneLine(error).map(s -> ": " + s).orElse("");
      default -> oneLine(error).orElse("");
    };
  }

  /**
   * The error message on one line: assertion libraries spread "expected" and "but was" over several
   * lines, and the report and console need both.
   */
  private static Optional<String> oneLine(Throwable error) {
    if (error == null) {
      return Optional.empty();
    }
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      return Optional.of(error.getClass().getName());
    }
    String line = message.strip().replaceAll("\\s+", " ");
    return Optional.of(line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON) + "...");
  }

  private static String featureStem(URI uri) {
    String path = uri.getSchemeSpecificPart();
    String file = path.substring(path.lastIndexOf('/') + 1);
    return file.endsWith(".feature")
        ? file.substring(0, file.length() - ".feature".length())
        : file;
  }
}
