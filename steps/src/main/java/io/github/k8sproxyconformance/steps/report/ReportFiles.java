package io.github.k8sproxyconformance.steps.report;

import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import java.nio.file.Path;

/**
 * Where a run leaves its files, named as the person who started it would type them.
 *
 * <p>The console points at these files instead of printing their contents: the report for the
 * reasons, the report page for each failure's evidence, the log for what the proxy and the clusters
 * said. Maven runs the suite in the module folder while the user typed the command one level up, so
 * paths are shown from the directory the build was started in when it is known.
 *
 * @param folder the run's report folder, {@code <report dir>/<profile>}
 */
record ReportFiles(Path folder) {

  /** The files of the run this JVM makes. */
  static ReportFiles ofThisRun(HarnessConfig config) {
    return new ReportFiles(config.reportDir().resolve(config.profile().id()));
  }

  Path report() {
    return folder.resolve("report.yaml");
  }

  Path summary() {
    return folder.resolve("summary.txt");
  }

  /** What the bundled proxy, the fixture clusters and their libraries log during the run. */
  Path log() {
    return folder.resolve("proxy.log");
  }

  /** The page for people, with each failure's evidence. */
  Path page() {
    return folder.resolve("report.html");
  }

  /** The path as seen from where the build was started, else as seen from here. */
  static String shown(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    String invocation = System.getProperty(HarnessConfig.INVOCATION_DIR);
    Path from = Path.of(invocation == null ? "" : invocation).toAbsolutePath().normalize();
    return absolute.startsWith(from) ? from.relativize(absolute).toString() : absolute.toString();
  }
}
