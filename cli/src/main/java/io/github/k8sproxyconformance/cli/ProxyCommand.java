package io.github.k8sproxyconformance.cli;

import io.github.k8sproxyconformance.proxy.Main;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/**
 * {@code proxy --config FILE...}: the reference proxy itself, as {@code reference-proxy.jar} runs
 * it, so the one jar also gives a proxy that passes the suite. Its options and description are
 * those of {@link Main}; only the name and the version are the conformance jar's.
 */
@Command(name = "proxy", versionProvider = ProjectVersion.class)
final class ProxyCommand extends Main {

  ProxyCommand(PrintStream out, PrintStream err) {
    super(out, err);
  }
}
