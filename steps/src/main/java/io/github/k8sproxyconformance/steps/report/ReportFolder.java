package io.github.k8sproxyconformance.steps.report;

import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.proxy.Harness;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The files a run leaves in its report folder, {@code <report dir>/<profile>}: {@code report.yaml}
 * for machines, {@code report.html} for people and {@code summary.txt}, the console summary kept.
 *
 * <p>They are written when the run finishes, failed or not. A folder that cannot be written costs
 * the files, not the console summary or the verdict.
 */
final class ReportFolder {

  private ReportFolder() {}

  /**
   * Writes the files of the judged run and says on {@code out} where the page is.
   *
   * @param summary the console summary, also written to {@code summary.txt}
   */
  static void write(
      HarnessConfig config,
      Instant finishedAt,
      Duration wallTime,
      JudgedRun run,
      List<String> summary,
      PrintStream out) {
    ReportFiles files = ReportFiles.ofThisRun(config);
    try {
      Files.createDirectories(files.folder());
      ConformanceReport report = report(config, finishedAt, wallTime, run);
      Files.writeString(files.report(), report.toYaml());
      Files.writeString(files.page(), ReportPage.html(report));
      Files.write(files.summary(), summary, StandardCharsets.UTF_8);
      out.println("Conformance report: " + ReportFiles.shown(files.page()));
    } catch (IOException e) {
      out.println(
          "Conformance report not written to " + files.folder().toAbsolutePath() + ": " + e);
    }
  }

  private static ConformanceReport report(
      HarnessConfig config, Instant finishedAt, Duration wallTime, JudgedRun run) {
    String url =
        Harness.started()
            .map(harness -> harness.standardTarget().endpoint().toString())
            .or(() -> config.proxyUrl().map(Object::toString))
            .orElse("(bundled reference proxy, not started)");
    return new ConformanceReport(
        finishedAt,
        config.bundled() ? "bundled" : "external",
        url,
        config.profile().id(),
        config.implementation(),
        config.effective(),
        wallTime,
        run.scenarios(),
        config.expectations().map(file -> file.toAbsolutePath().toString()),
        run.verdict());
  }
}
