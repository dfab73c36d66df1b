package io.github.k8sproxyconformance.steps.report;

import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.proxy.ProxyLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The start of a run as the console shows it: the effective settings, the expectations file it will
 * be judged by, and where the log of the proxy and the clusters goes.
 *
 * <p>The expectations are read here, before any scenario, so a progress line can tell an expected
 * failure from an unexpected one while the run goes.
 *
 * @param expectations the expectations file's content, when one was given and could be read
 * @param expectationsError why the expectations file given could not be used
 */
record RunSetup(Optional<Expectations> expectations, Optional<String> expectationsError) {

  /** A run without expectations. */
  static final RunSetup NONE = new RunSetup(Optional.empty(), Optional.empty());

  /** Prints the settings of this JVM's run, loads its expectations and routes its log. */
  static RunSetup announce(PrintStream out) {
    try {
      HarnessConfig config = HarnessConfig.fromEnvironment();
      out.println("Conformance run, effective configuration:");
      config.effective().forEach((key, value) -> out.println("  " + key + " = " + value));
      RunSetup setup = config.expectations().map(file -> loadExpectations(file, out)).orElse(NONE);
      routeLog(ReportFiles.ofThisRun(config).log(), out);
      return setup;
    } catch (IllegalArgumentException e) {
      out.println("Conformance run with an invalid configuration: " + e.getMessage());
      return NONE;
    }
  }

  private static RunSetup loadExpectations(Path file, PrintStream out) {
    try {
      Expectations expectations = Expectations.load(file);
      out.println(
          "Expectations: "
              + expectations.reasons().size()
              + " scenarios known to fail, from "
              + file.toAbsolutePath());
      return new RunSetup(Optional.of(expectations), Optional.empty());
    } catch (IllegalArgumentException e) {
      out.println("Expectations not applied: " + e.getMessage());
      return new RunSetup(Optional.empty(), Optional.of(e.getMessage()));
    }
  }

  /** The log goes to a file; if it cannot, it stays on standard error, where it always was. */
  private static void routeLog(Path file, PrintStream out) {
    try {
      ProxyLog.routeTo(file);
      out.println("Log of the proxy and the clusters: " + ReportFiles.shown(file));
    } catch (IOException | IllegalStateException e) {
      out.println(
          "The log of the proxy and the clusters stays on standard error: " + e.getMessage());
    }
  }

  /** The scenario as the expectations see it, for the progress line. */
  Outcome judged(ScenarioOutcome scenario) {
    return expectations.map(scenario::judgedBy).orElse(scenario).outcome();
  }
}
