package io.github.k8sproxyconformance.cli;

import io.github.k8sproxyconformance.fixtures.cli.ClusterOptions;
import io.github.k8sproxyconformance.fixtures.cli.StandaloneTopology;
import io.github.k8sproxyconformance.fixtures.config.ExternalProxyFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fixtures serve|config}: what {@code fixtures.jar} does, from the one jar, so a proxy
 * author can configure a proxy for the suite without building this repository. The cluster options
 * are {@code fixtures.jar}'s ({@link ClusterOptions}); {@code --out} names a folder here, where the
 * two files a proxy author copies are written side by side.
 */
@Command(
    name = "fixtures",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description = "The fixture clusters of the standard topology, outside a run.")
final class FixturesCommand implements Runnable {

  private static final String OUT_DESCRIPTION =
      "Folder for "
          + ExternalProxyFiles.CONFIG_FILE_NAME
          + " and "
          + ExternalProxyFiles.CA_FILE_NAME
          + " (the CA the proxy must trust). Default: ${DEFAULT-VALUE}.";
  private static final String DEFAULT_OUT = "conformance-fixtures";

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;
  private final PrintStream out;
  private final PrintStream err;

  FixturesCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: serve or config");
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      versionProvider = ProjectVersion.class,
      description =
          "Starts the clusters in the foreground until Ctrl-C, writes the app-config and the CA,"
              + " and prints the config.")
  int serve(
      @Mixin ClusterOptions clusters,
      @Option(
              names = "--out",
              paramLabel = "DIR",
              defaultValue = DEFAULT_OUT,
              description = OUT_DESCRIPTION)
          Path folder)
      throws InterruptedException {
    return StandaloneTopology.serve(
        clusters, folder.resolve(ExternalProxyFiles.CONFIG_FILE_NAME), out, err);
  }

  @Command(
      name = "config",
      mixinStandardHelpOptions = true,
      versionProvider = ProjectVersion.class,
      description =
          "Writes the app-config a proxy needs for the suite, and the CA it must trust, then stops.")
  int config(
      @Mixin ClusterOptions clusters,
      @Option(
              names = "--out",
              paramLabel = "DIR",
              defaultValue = DEFAULT_OUT,
              description = OUT_DESCRIPTION)
          Path folder)
      throws InterruptedException {
    return StandaloneTopology.writeConfig(
        clusters, folder.resolve(ExternalProxyFiles.CONFIG_FILE_NAME), out, err);
  }
}
