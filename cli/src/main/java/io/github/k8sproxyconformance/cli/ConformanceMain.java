package io.github.k8sproxyconformance.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar k8s-proxy-conformance.jar}: the conformance kit as one command, the way h2spec
 * or Sonobuoy are run, for proxy authors who do not want to clone and build this repository.
 *
 * <p>Exit codes are the contract with CI: {@link ExitCode#CONFORMANT}, {@link
 * ExitCode#NOT_CONFORMANT}, {@link ExitCode#COULD_NOT_RUN}. A bad option is a run that could not
 * happen, so picocli's usage errors map to the last.
 */
@Command(
    name = "k8s-proxy-conformance",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description =
        "Checks a Kubernetes proxy endpoint (Backstage's /api/kubernetes/proxy) against the contract.",
    subcommands = {
      RunCommand.class,
      FixturesCommand.class,
      ProxyCommand.class,
      CompareCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ConformanceMain implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  static int execute(String[] args, PrintStream out, PrintStream err) {
    CommandLine commandLine = new CommandLine(ConformanceMain.class, new CommandFactory(out, err));
    commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    // a bad option means no verdict could be reached
    commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCode.COULD_NOT_RUN);
    // parsed as reference-proxy.jar parses it: a mistyped option after --config's files is an
    // error, not one more file
    commandLine.getSubcommands().get("proxy").setUnmatchedOptionsAllowedAsOptionParameters(false);
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          line.getErr().println(line.getCommandName() + ": " + exception.getMessage());
          return ExitCode.COULD_NOT_RUN;
        });
    return commandLine.execute(args);
  }

  /** Without a command: say which commands there are. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }
}
