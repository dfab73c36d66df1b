package io.github.k8sproxyconformance.cli;

import io.github.k8sproxyconformance.fixtures.cli.TopologyCommands;
import io.github.k8sproxyconformance.fixtures.config.ExternalProxyFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code fixtures serve|config}: the commands of {@code fixtures.jar}, from the one jar, so a proxy
 * author can configure a proxy for the suite without building this repository. Only {@code --out}
 * differs: here it names a folder, where the two files a proxy author copies are written side by
 * side.
 */
@Command(
    name = "fixtures",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description = "The fixture clusters of the standard topology, outside a run.")
final class FixturesCommand extends TopologyCommands {

  @Option(
      names = "--out",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description =
          "Folder for "
              + ExternalProxyFiles.CONFIG_FILE_NAME
              + " and "
              + ExternalProxyFiles.CA_FILE_NAME
              + " (the CA the proxy must trust). Default: ${DEFAULT-VALUE}.")
  Path folder = Path.of("conformance-fixtures");

  FixturesCommand(PrintStream out, PrintStream err) {
    super(out, err);
  }

  @Override
  protected Path appConfigFile() {
    return folder.resolve(ExternalProxyFiles.CONFIG_FILE_NAME);
  }
}
