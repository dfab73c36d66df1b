package io.github.k8sproxyconformance.cli;

import io.github.k8sproxyconformance.proxy.Main;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code proxy --config FILE...}: the reference proxy itself, as {@code reference-proxy.jar} runs
 * it, so the one jar also gives a proxy that passes the suite.
 */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description = {
      "Runs the reference proxy on Backstage app-config files until stopped.",
      "Several --config files are merged in order as Backstage merges them: maps key by key,"
          + " lists and scalars of a later file replace earlier ones."
    })
final class ProxyCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      required = true,
      arity = "1..*",
      description = "An app-config.yaml; repeat it (or give several) to merge, later winning.")
  List<Path> configs;

  private final PrintStream out;
  private final PrintStream err;

  ProxyCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws InterruptedException {
    return Main.serve(configs, out, err);
  }
}
