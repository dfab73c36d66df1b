package io.github.k8sproxyconformance.cli;

import io.github.k8sproxyconformance.steps.report.Comparison;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compare REPORT.yaml...}: several implementations side by side, scenario by scenario.
 *
 * <p>The command line is settled here; the page itself is written by {@link Comparison}, which CI
 * also runs through Maven.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description = "Puts the report.yaml of several runs side by side, scenario by scenario.")
final class CompareCommand implements Callable<Integer> {

  /** The formats of the comparison page. */
  enum Format {
    html,
    md
  }

  @Parameters(paramLabel = "REPORT.yaml", arity = "1..*", description = "The reports to compare.")
  List<Path> reports;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "html or md. Default: ${DEFAULT-VALUE}.")
  Format format = Format.html;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where the page goes. Default: comparison.html or comparison.md.")
  Path out;

  private final PrintStream stdout;
  private final PrintStream err;

  CompareCommand(PrintStream stdout, PrintStream err) {
    this.stdout = stdout;
    this.err = err;
  }

  @Override
  public Integer call() {
    for (Path report : reports) {
      if (!java.nio.file.Files.isReadable(report)) {
        err.println("compare: cannot read " + report);
        return ExitCode.COULD_NOT_RUN;
      }
    }
    Path page = out != null ? out : Path.of("comparison." + format.name());
    return writeComparison(reports, format, page);
  }

  /** Reads the reports, writes the page and prints its path; a file that is no report is named. */
  private int writeComparison(List<Path> reports, Format format, Path page) {
    Comparison comparison;
    try {
      comparison = Comparison.read(reports);
    } catch (IllegalArgumentException e) {
      err.println("compare: " + e.getMessage());
      return ExitCode.COULD_NOT_RUN;
    }
    if (format == Format.md) {
      comparison.writeMarkdown(page);
    } else {
      comparison.writeHtml(page);
    }
    stdout.println("compare: " + reports.size() + " reports side by side in " + page);
    return ExitCode.CONFORMANT;
  }
}
