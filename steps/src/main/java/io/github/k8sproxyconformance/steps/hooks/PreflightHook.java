package io.github.k8sproxyconformance.steps.hooks;

import io.cucumber.java.BeforeAll;
import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.preflight.Preflight;
import io.github.k8sproxyconformance.steps.preflight.PreflightProblem;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Stops a run against an external proxy before its first scenario when the {@link Preflight} finds
 * a problem, so the console shows one instruction instead of every scenario failing alike.
 *
 * <p>A failing before-all hook makes Cucumber run no scenario and end the run with that failure,
 * which the build reports as an error and {@code SummaryPlugin} turns into a "could not run"
 * verdict. Runs on the bundled reference proxy have nothing to check.
 */
public final class PreflightHook {

  private PreflightHook() {}

  /** Runs the preflight for the settings of this JVM; throws its problem, printed first. */
  @BeforeAll(order = 0)
  public static void checkTheProxyUnderTest() {
    HarnessConfig config;
    try {
      config = HarnessConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      // an invalid setting is reported by the summary and by the first scenario, as it always was
      return;
    }
    if (config.bundled()) {
      return;
    }
    PrintStream out = System.out;
    Preflight.notes(config).forEach(note -> out.println("Preflight note: " + note));
    Optional<PreflightProblem> problem = Preflight.check(config);
    if (problem.isPresent()) {
      String message = problem.get().message();
      out.println();
      out.println("CONFORMANCE RUN NOT STARTED: the preflight found a problem before any scenario");
      out.println("  " + message);
      out.println();
      throw new PreflightFailed(message);
    }
  }

  /** The run cannot start against this proxy; the message says what to do. */
  public static final class PreflightFailed extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PreflightFailed(String message) {
      super("preflight: " + message);
    }
  }
}
