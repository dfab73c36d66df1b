package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.ConfigException;
import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/**
 * Runs the reference proxy from the command line: {@code java -jar reference-proxy.jar --config
 * app-config.yaml}. The conformance jar's {@code proxy} command is this command under another name,
 * so the two cannot come to take different options.
 *
 * <p>Exit codes follow the conformance jar's: a bad option or a configuration problem is the
 * operator's to fix, so it ends the process with 2 and says what is wrong (a configuration problem
 * in one line naming the key path, without a stack trace); a proxy that cannot start for another
 * reason ends with 1.
 */
@Command(
    name = "reference-proxy",
    mixinStandardHelpOptions = true,
    versionProvider = Main.JarVersion.class,
    description = {
      "Serves the Backstage Kubernetes proxy endpoint (/api/kubernetes/proxy) for the clusters of"
          + " kubernetes.clusterLocatorMethods in Backstage app-config files, until stopped.",
      "The optional proxy: section sets listen.host, listen.port, mountPath, profile"
          + " (backstage-current | backstage-1.9), duplicateNames (first-match | reject),"
          + " connectionIdleTimeoutMs and exchangeIdleTimeoutMs. $${VAR} in a file is read from the"
          + " environment."
    })
public class Main implements Callable<Integer> {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      required = true,
      arity = "1..*",
      description =
          "An app-config.yaml; repeat it (or give several) to merge them in order as Backstage"
              + " does: maps key by key, lists and values of a later file replace earlier ones.")
  List<Path> configs;

  private final PrintStream out;
  private final PrintStream err;

  /** The command printing to the given streams, so tests and the conformance jar can read them. */
  public Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs until the proxy stops; returns at once with the exit code when it cannot start. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine commandLine = new CommandLine(new Main(out, err));
    commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    // --config takes several files; a mistyped option after them is an error, not one more file
    commandLine.setUnmatchedOptionsAllowedAsOptionParameters(false);
    return commandLine.execute(args);
  }

  @Override
  public Integer call() throws InterruptedException {
    ReferenceProxyServer proxy;
    try {
      proxy = ReferenceProxyServer.start(ConfigLoader.load(configs));
    } catch (ConfigException e) {
      err.println("reference-proxy: " + e.getMessage());
      return ExitCode.USAGE;
    } catch (Exception e) {
      err.println("reference-proxy: cannot start: " + e);
      return ExitCode.SOFTWARE;
    }
    out.println("reference-proxy listening on " + proxy.endpoint());
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "reference-proxy-shutdown"));
    proxy.join();
    return ExitCode.OK;
  }

  /** The version the runnable jar's manifest carries; classes run from a build folder have none. */
  static final class JarVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "reference-proxy " + (version == null ? "(development build)" : version)
      };
    }
  }
}
