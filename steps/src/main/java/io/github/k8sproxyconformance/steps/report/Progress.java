package io.github.k8sproxyconformance.steps.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The console's account of a run while it goes: scenarios done of the total and failures so far.
 *
 * <p>On a terminal one line is rewritten after every scenario, so a long run shows it is alive
 * without scrolling; anywhere else (a CI log, a pipe, Maven's forked JVM) a rewritten line would be
 * a heap of carriage returns, so a line is printed per feature file once its last scenario ended.
 * Scenarios run feature by feature, so a change of feature file is the end of the previous one.
 */
final class Progress {

  private final PrintStream out;
  private final boolean live;
  private final Supplier<OptionalInt> total;
  private int done;
  private int failures;
  private String feature;
  private int featureDone;
  private int featureFailures;
  private int liveWidth;

  /**
   * @param live whether the console is a terminal that can rewrite its last line
   * @param total how many scenarios the run has, when known; asked at each line, as scenarios
   *     filtered out by name leave the count while the run goes
   */
  Progress(PrintStream out, boolean live, Supplier<OptionalInt> total) {
    this.out = out;
    this.live = live;
    this.total = total;
  }

  /** Counts a finished scenario of the feature file {@code feature}. */
  void scenarioFinished(String feature, boolean failed) {
    if (!live && this.feature != null && !this.feature.equals(feature)) {
      printFeature();
    }
    if (!feature.equals(this.feature)) {
      this.feature = feature;
      featureDone = 0;
      featureFailures = 0;
    }
    done++;
    featureDone++;
    if (failed) {
      failures++;
      featureFailures++;
    }
    if (live) {
      String line = "  " + doneOfTotal() + " (" + feature + ")";
      out.print("\r" + line + " ".repeat(Math.max(0, liveWidth - line.length())));
      out.flush();
      liveWidth = line.length();
    }
  }

  /** Ends the progress: the last feature's line, or the end of the live line. */
  void finish() {
    if (live) {
      if (liveWidth > 0) {
        out.println();
      }
    } else if (feature != null) {
      printFeature();
    }
    feature = null;
  }

  private void printFeature() {
    out.println(
        String.format(
            Locale.ROOT,
            "  %s  %s: %d scenario%s%s",
            doneOfTotal(),
            feature,
            featureDone,
            featureDone == 1 ? "" : "s",
            featureFailures == 0 ? "" : ", " + featureFailures + " failed"));
  }

  private String doneOfTotal() {
    OptionalInt planned = total.get();
    String of = planned.isPresent() ? "/" + Math.max(planned.getAsInt(), done) : "";
    return String.format(Locale.ROOT, "%3d%s done, %d failed", done, of, failures);
  }
}
