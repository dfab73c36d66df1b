package io.github.k8sproxyconformance.steps.report;

import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a run leaves its files, named as the person who started it would type them.
 *
 * <p>The console points at these files instead of printing their contents: the report for the
 * reasons, Cucumber's HTML page for each failure's evidence, the log for what the proxy and the
 * clusters said. Maven runs the suite in the module folder while the user typed the command one
 * level up, so paths are shown from the directory the build was started in when it is known.
 *
 * @param folder the run's report folder, {@code <report dir>/<profile>}
 * @param html Cucumber's HTML report, when the {@code cucumber.plugin} setting names one
 */
record ReportFiles(Path folder, Optional<Path> html) {

  /** The files of a run with these settings and this value of {@code cucumber.plugin}. */
  static ReportFiles of(HarnessConfig config, String cucumberPlugins) {
    Optional<Path> html =
        Arrays.stream(cucumberPlugins == null ? new String[0] : cucumberPlugins.split(","))
            .map(String::strip)
            .filter(plugin -> plugin.startsWith("html:"))
            .map(plugin -> Path.of(plugin.substring("html:".length())))
            .findFirst();
    return new ReportFiles(config.reportDir().resolve(config.profile().id()), html);
  }

  /** The files of the run this JVM makes. */
  static ReportFiles ofThisRun(HarnessConfig config) {
    return of(config, System.getProperty("cucumber.plugin"));
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

  /** Where a failure's evidence is: the HTML page when there is one, else the report. */
  Path evidence() {
    return html.orElse(report());
  }

  /** The path as seen from where the build was started, else as seen from here. */
  static String shown(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    String invocation = System.getProperty(HarnessConfig.INVOCATION_DIR);
    Path from = Path.of(invocation == null ? "" : invocation).toAbsolutePath().normalize();
    return absolute.startsWith(from) ? from.relativize(absolute).toString() : absolute.toString();
  }
}
