package io.github.k8sproxyconformance.cli;

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
 * <p>The command line is settled here; the page itself is written by the comparison writer of the
 * report package, called from {@link #writeComparison}.
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

  /**
   * Where the comparison writer of {@code steps/.../report/} is called: read the reports, write the
   * page, print its path, return {@link ExitCode#CONFORMANT}. Until it exists, the command says so.
   */
  private int writeComparison(List<Path> reports, Format format, Path page) {
    err.println("compare: the comparison writer is not part of this build yet");
    return ExitCode.COULD_NOT_RUN;
  }
}
