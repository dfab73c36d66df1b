package io.github.k8sproxyconformance.steps.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Whether one conformance run lets the build pass, once expectations are taken into account.
 *
 * <p>Cucumber cannot turn a failed scenario into a passed one, and it should not: its own reports
 * must show what happened. So when an expectations file is given, the build ignores the test
 * failures Failsafe counts and asks this verdict instead, which fails only for what nobody
 * expected: a failure not listed, an expectation that names no scenario, or an unreadable
 * expectations file. An unexpected pass is reported but fails nothing; the implementation got
 * better.
 *
 * @param profile the contract profile of the run
 * @param unexpectedFailures ids of failed scenarios the expectations do not list
 * @param unexpectedPasses ids of passed scenarios the expectations list as failing
 * @param unmatchedExpectations listed ids that name no scenario of the run
 * @param error why the expectations file could not be used; empty when it could
 */
public record Verdict(
    String profile,
    List<String> unexpectedFailures,
    List<String> unexpectedPasses,
    List<String> unmatchedExpectations,
    Optional<String> error) {

  public Verdict {
    unexpectedFailures = List.copyOf(unexpectedFailures);
    unexpectedPasses = List.copyOf(unexpectedPasses);
    unmatchedExpectations = List.copyOf(unmatchedExpectations);
  }

  /**
   * The verdict on scenarios already judged by the expectations ({@link
   * ScenarioOutcome#judgedBy(Expectations)}).
   */
  public static Verdict of(
      String profile,
      List<ScenarioOutcome> judged,
      List<String> unmatchedExpectations,
      Optional<String> error) {
    return new Verdict(
        profile,
        judged.stream()
            .filter(scenario -> scenario.outcome() == Outcome.FAILED)
            .map(ScenarioOutcome::id)
            .toList(),
        judged.stream().filter(ScenarioOutcome::unexpectedPass).map(ScenarioOutcome::id).toList(),
        unmatchedExpectations,
        error);
  }

  /** How {@link #error()} begins for a run that ended before its scenarios could run. */
  public static final String COULD_NOT_RUN = "could not run: ";

  /**
   * The verdict of a run that stopped before any scenario, e.g. because the preflight found the
   * proxy unusable. Kept in {@link #error()} so the verdict file keeps its format.
   */
  public static Verdict couldNotRun(String profile, String reason) {
    return new Verdict(
        profile, List.of(), List.of(), List.of(), Optional.of(COULD_NOT_RUN + reason));
  }

  /** True when the run stopped before its scenarios: no result says anything about the proxy. */
  public boolean couldNotRun() {
    return error.filter(message -> message.startsWith(COULD_NOT_RUN)).isPresent();
  }

  /** True when nothing unexpected failed and the expectations were usable. */
  public boolean passed() {
    return unexpectedFailures.isEmpty() && unmatchedExpectations.isEmpty() && error.isEmpty();
  }

  /** One line per reason the run fails the build; empty when it passes. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    error.ifPresent(problems::add);
    unexpectedFailures.forEach(id -> problems.add("unexpected failure: " + id));
    unmatchedExpectations.forEach(
        id ->
            problems.add("expectation matches no scenario (a typo or a renamed scenario): " + id));
    return problems;
  }

  /** Writes the verdict as YAML to {@code file}, creating parent folders. */
  public void write(Path file) {
    write(file, "");
  }

  /**
   * Writes the verdict with the run's counts line ({@link ConsoleSummary#countsLine}), which the
   * build's verdict check prints as the last word on the run.
   */
  public void write(Path file, String countsLine) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("profile", profile);
    root.put("passed", passed());
    root.put("unexpectedFailures", unexpectedFailures);
    root.put("unexpectedPasses", unexpectedPasses);
    root.put("unmatchedExpectations", unmatchedExpectations);
    error.ifPresent(message -> root.put("error", message));
    if (!countsLine.isEmpty()) {
      root.put("counts", countsLine);
    }
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setDereferenceAliases(true)
            .build();
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(file, new Dump(settings).dumpToString(root), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the verdict " + file, e);
    }
  }

  /**
   * Reads a verdict written by {@link #write(Path)}.
   *
   * @throws IllegalStateException naming the file when it is missing or not a verdict
   */
  public static Verdict read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "no verdict at "
              + file
              + ": the conformance run did not finish (see the Failsafe output above)");
    }
    try {
      Object root =
          new Load(LoadSettings.builder().build())
              .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
      if (root instanceof Map<?, ?> map && map.get("profile") instanceof String profile) {
        return new Verdict(
            profile,
            strings(map.get("unexpectedFailures")),
            strings(map.get("unexpectedPasses")),
            strings(map.get("unmatchedExpectations")),
            Optional.ofNullable(map.get("error")).map(String::valueOf));
      }
    } catch (IOException | YamlEngineException e) {
      throw new IllegalStateException("cannot read the verdict " + file + ": " + e, e);
    }
    throw new IllegalStateException(file + " is not a conformance verdict");
  }

  /** The counts line a verdict file holds, or empty when it holds none or cannot be read. */
  public static String countsLine(Path file) {
    try {
      Object root =
          new Load(LoadSettings.builder().build())
              .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
      return root instanceof Map<?, ?> map && map.get("counts") instanceof String counts
          ? counts
          : "";
    } catch (IOException | YamlEngineException e) {
      return "";
    }
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }
}
