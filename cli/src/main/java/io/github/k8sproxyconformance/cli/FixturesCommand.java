package io.github.k8sproxyconformance.cli;

import io.github.k8sproxyconformance.fixtures.cli.FixturesMain;
import io.github.k8sproxyconformance.fixtures.config.ExternalProxyFiles;
import io.github.k8sproxyconformance.fixtures.kube.KubeMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fixtures serve|config}: what {@code fixtures.jar} does, from the one jar, so a proxy
 * author can configure a proxy for the suite without building this repository.
 */
@Command(
    name = "fixtures",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description = "The fixture clusters of the standard topology, outside a run.",
    subcommands = {FixturesCommand.Serve.class, FixturesCommand.Config.class})
final class FixturesCommand implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: serve or config");
  }

  /** The options both subcommands share: where the clusters listen and where the files go. */
  static final class Options {
    @Option(
        names = "--base-port",
        paramLabel = "N",
        description =
            "First cluster port; cluster i listens on N + i, localKubectlProxy on 8001; 0 takes any"
                + " free ports. Default: ${DEFAULT-VALUE}.")
    int basePort = io.github.k8sproxyconformance.fixtures.cli.CommandLine.DEFAULT_BASE_PORT;

    @Option(
        names = "--advertised-host",
        paramLabel = "HOST",
        description =
            "Host name the proxy reaches the clusters by; any other name than 127.0.0.1 or"
                + " localhost makes them listen on every interface. Default: ${DEFAULT-VALUE}.")
    String advertisedHost = "127.0.0.1";

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description =
            "Folder for "
                + ExternalProxyFiles.CONFIG_FILE_NAME
                + " and "
                + ExternalProxyFiles.CA_FILE_NAME
                + " (the CA the proxy must trust). Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("conformance-fixtures");

    @Option(
        names = "--kube",
        paramLabel = "MODE",
        converter = KubeModeConverter.class,
        description =
            "Kubernetes API clusters: embedded, k3s (needs Docker) or off. Default: embedded.")
    KubeMode kube = KubeMode.EMBEDDED;

    int run(String command, CommandLine commandLine, PrintStream stdout, PrintStream stderr)
        throws InterruptedException {
      if (basePort < 0 || basePort > 65000) {
        throw new CommandLine.ParameterException(
            commandLine, "--base-port " + basePort + ": expected an integer from 0 to 65000");
      }
      FixturesMain.quietJetty();
      return FixturesMain.run(
          new io.github.k8sproxyconformance.fixtures.cli.CommandLine(
              command,
              basePort,
              advertisedHost,
              out.resolve(ExternalProxyFiles.CONFIG_FILE_NAME),
              kube),
          stdout,
          stderr);
    }
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      versionProvider = ProjectVersion.class,
      description =
          "Starts the clusters in the foreground until Ctrl-C, writes the app-config and the CA,"
              + " and prints the config.")
  static final class Serve implements Callable<Integer> {
    @Mixin Options options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    private final PrintStream out;
    private final PrintStream err;

    Serve(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
      return options.run("serve", spec.commandLine(), out, err);
    }
  }

  @Command(
      name = "config",
      mixinStandardHelpOptions = true,
      versionProvider = ProjectVersion.class,
      description =
          "Writes the app-config a proxy needs for the suite, and the CA it must trust, then stops.")
  static final class Config implements Callable<Integer> {
    @Mixin Options options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    private final PrintStream out;
    private final PrintStream err;

    Config(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
      return options.run("config", spec.commandLine(), out, err);
    }
  }

  /** {@code --kube} by its id, with the allowed values in the error. */
  static final class KubeModeConverter implements CommandLine.ITypeConverter<KubeMode> {
    @Override
    public KubeMode convert(String value) {
      try {
        return KubeMode.fromId(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "': expected one of " + KubeMode.knownIds());
      }
    }
  }
}
