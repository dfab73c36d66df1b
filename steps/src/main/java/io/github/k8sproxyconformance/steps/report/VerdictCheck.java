package io.github.k8sproxyconformance.steps.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The build step that decides the conformance runs of a build: it fails the build for unexpected
 * failures only, and prints each run's verdict with its counts as the build's last lines.
 *
 * <p>{@code steps/pom.xml} runs it at {@code verify} (with {@code exec:java}) after Failsafe was
 * told to ignore test failures: in runs with an expectations file, which Failsafe cannot judge, and
 * in the README's main job ({@code -Psuite}), which should end with the verdicts rather than with
 * Failsafe's counts. It reads the verdict each conformance run of the build wrote, and a missing
 * verdict counts as a failure: a run that crashed must not pass for lack of evidence.
 *
 * <p>Usage: {@code VerdictCheck <verdict folder> <run>[,<run>...]}, where {@code
 * <folder>/<run>.yaml} is the verdict of one run.
 */
public final class VerdictCheck {

  private VerdictCheck() {}

  /**
   * Checks the verdicts and prints them.
   *
   * @throws IllegalStateException listing every problem when a run did not pass
   */
  public static void main(String[] args) {
    run(args, System.out);
  }

  static void run(String[] args, PrintStream out) {
    if (args.length != 2) {
      throw new IllegalArgumentException(
          "usage: VerdictCheck <verdict folder> <run>[,<run>...], got " + Arrays.toString(args));
    }
    List<String> runs = Arrays.stream(args[1].split(",")).map(String::strip).toList();
    List<String> problems = check(Path.of(args[0]), runs, out);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the conformance run did not pass:\n  " + String.join("\n  ", problems));
    }
  }

  /**
   * Reads the verdict of each run, prints it, and returns the problems of all runs together.
   *
   * @return one line per problem, prefixed with its run; empty when every run passed
   */
  static List<String> check(Path folder, List<String> runs, PrintStream out) {
    List<String> problems = new ArrayList<>();
    for (String run : runs) {
      Verdict verdict;
      try {
        verdict = Verdict.read(folder.resolve(run + ".yaml"));
      } catch (IllegalStateException e) {
        problems.add(run + ": " + e.getMessage());
        continue;
      }
      if (verdict.couldNotRun()) {
        // no scenario ran, so "failed with its expectations" would misstate what happened
        out.println(
            "Conformance run "
                + run
                + " (profile "
                + verdict.profile()
                + ") "
                + verdict.error().get());
        problems.add(run + ": " + verdict.error().get());
        continue;
      }
      String state = verdict.passed() ? "passed" : "FAILED";
      String counts = Verdict.countsLine(folder.resolve(run + ".yaml"));
      String named =
          run.equals(verdict.profile()) ? run : run + " (profile " + verdict.profile() + ")";
      out.println(
          "Conformance verdict of "
              + named
              + ": "
              + state
              + (counts.isEmpty() ? "" : "; " + counts));
      verdict
          .unexpectedPasses()
          .forEach(id -> out.println("  unexpected pass (remove it from the expectations): " + id));
      verdict.problems().forEach(problem -> problems.add(run + ": " + problem));
    }
    return problems;
  }
}
