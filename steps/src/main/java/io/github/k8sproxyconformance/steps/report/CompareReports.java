package io.github.k8sproxyconformance.steps.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the {@link Comparison} of several {@code report.yaml} files without the runnable jar, for
 * CI: {@code steps/pom.xml} runs it as the {@code conformance-compare} execution of {@code
 * exec:java}.
 *
 * <p>Usage: {@code CompareReports <output folder> <report.yaml>[,<report.yaml>...]}; writes {@code
 * comparison.html} and {@code comparison.md} into the folder. Relative paths are resolved against
 * the folder Maven was started in.
 */
public final class CompareReports {

  private CompareReports() {}

  /**
   * Writes the comparison.
   *
   * @throws IllegalArgumentException on wrong arguments or a file that is not a conformance report
   */
  public static void main(String[] args) {
    run(args, System.out);
  }

  static void run(String[] args, PrintStream out) {
    // an empty -Dconformance.compare.reports reaches here as a null argument
    if (args.length != 2 || args[1] == null || args[1].isBlank()) {
      throw new IllegalArgumentException(
          "usage: CompareReports <output folder> <report.yaml>[,<report.yaml>...]"
              + " (-Dconformance.compare.reports=... with exec:java@conformance-compare), got "
              + Arrays.toString(args));
    }
    List<Path> reports =
        Arrays.stream(args[1].split(",")).map(String::strip).map(Path::of).toList();
    Comparison comparison = Comparison.read(reports);
    Path folder = Path.of(args[0]);
    Path html = folder.resolve("comparison.html");
    Path markdown = folder.resolve("comparison.md");
    comparison.writeHtml(html);
    comparison.writeMarkdown(markdown);
    out.println("Conformance comparison of " + reports.size() + " runs: " + html.toAbsolutePath());
    out.println("Conformance comparison as Markdown: " + markdown.toAbsolutePath());
  }
}
