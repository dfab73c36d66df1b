package io.github.k8sproxyconformance.steps.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several runs' {@code report.yaml} side by side, scenario by scenario, the way Gateway API
 * publishes the conformance of its implementations: each run's level summaries on top, then one row
 * per scenario, grouped by area, with one column per run.
 *
 * <p>Runs may be of different implementations or profiles; a scenario one run did not have shows as
 * {@code not-run} in its column. Written as HTML ({@link #writeHtml(Path)}) and as Markdown ({@link
 * #writeMarkdown(Path)}) for pull requests and wikis.
 */
public final class Comparison {

  /** Shown for a scenario a run does not have, e.g. one added after that run. */
  public static final String NOT_RUN = "not-run";

  private final List<PublishedReport> runs;

  private Comparison(List<PublishedReport> runs) {
    this.runs = List.copyOf(runs);
  }

  /**
   * Reads the reports, in the order given, which is the order of the columns.
   *
   * @throws IllegalArgumentException naming the file when one is not a conformance report, or when
   *     no file is given
   */
  public static Comparison read(List<Path> reports) {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("no report.yaml to compare");
    }
    return of(reports.stream().map(PublishedReport::read).toList());
  }

  /** The comparison of reports already read. */
  public static Comparison of(List<PublishedReport> runs) {
    return new Comparison(runs);
  }

  /** The runs, one per column. */
  public List<PublishedReport> runs() {
    return runs;
  }

  /**
   * The ids of every scenario of any run, grouped by area: areas in alphabetical order, scenarios
   * in the order of the first run that has them.
   */
  public Map<String, List<String>> scenarioIdsByArea() {
    Map<String, ScenarioOutcome> first = new LinkedHashMap<>();
    runs.forEach(run -> run.scenarios().forEach(s -> first.putIfAbsent(s.id(), s)));
    Map<String, List<String>> byArea = new LinkedHashMap<>();
    ReportPage.byArea(new ArrayList<>(first.values()))
        .forEach(
            (area, scenarios) -> byArea.put(area, scenarios.stream().map(s -> s.id()).toList()));
    return byArea;
  }

  /** The result label of the scenario in the run, or {@link #NOT_RUN}. */
  public static String result(PublishedReport run, String scenarioId) {
    return run.scenario(scenarioId).map(s -> s.outcome().label()).orElse(NOT_RUN);
  }

  /** The reason the run gives for the scenario's result; empty when there is none. */
  public static String reason(PublishedReport run, String scenarioId) {
    Optional<ScenarioOutcome> scenario = run.scenario(scenarioId);
    return scenario.map(ScenarioOutcome::reason).orElse("");
  }

  /** The comparison as one self-contained HTML page. */
  public String html() {
    return ComparisonPage.html(this);
  }

  /** The comparison as Markdown tables. */
  public String markdown() {
    return ComparisonMarkdown.markdown(this);
  }

  /** Writes {@link #html()} to the file, creating its folder. */
  public void writeHtml(Path file) {
    write(file, html());
  }

  /** Writes {@link #markdown()} to the file, creating its folder. */
  public void writeMarkdown(Path file) {
    write(file, markdown());
  }

  private static void write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the comparison " + file, e);
    }
  }
}
