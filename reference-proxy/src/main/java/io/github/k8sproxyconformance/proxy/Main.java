package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.ConfigException;
import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the reference proxy from the command line: {@code java -jar reference-proxy.jar --config
 * app-config.yaml}.
 *
 * <p>Configuration problems are the operator's to fix, so they end the process with exit code 2 and
 * one line naming the key path, without a stack trace.
 */
public final class Main {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  static final String USAGE =
      """
      Usage: java -jar reference-proxy.jar --config <app-config.yaml> [--config <file>...]

      Serves the Backstage Kubernetes proxy endpoint (/api/kubernetes/proxy) for the clusters of
      kubernetes.clusterLocatorMethods in a Backstage app-config.yaml. The optional proxy: section
      sets listen.host, listen.port, mountPath, profile (backstage-current | backstage-1.9),
      duplicateNames (first-match | reject), connectionIdleTimeoutMs and exchangeIdleTimeoutMs.
      ${VAR} in the file is read from the environment.

        --config <file>   the app-config.yaml to read; repeat it to merge several files in
                          order, later files winning (maps key by key, lists replaced)
        --help            print this text
      """;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs until the proxy stops; returns at once with the exit code when it cannot start. */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    List<Path> configFiles = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        out.print(USAGE);
        return EXIT_OK;
      } else if (arg.equals("--config") && i + 1 < args.length) {
        configFiles.add(Path.of(args[++i]));
      } else if (arg.startsWith("--config=") && arg.length() > "--config=".length()) {
        configFiles.add(Path.of(arg.substring("--config=".length())));
      } else {
        return usageError(err, "unexpected argument '" + arg + "'");
      }
    }
    if (configFiles.isEmpty()) {
      return usageError(err, "missing --config <app-config.yaml>");
    }
    return serve(configFiles, out, err);
  }

  /**
   * Starts the proxy on the merged config files and runs until it stops; returns at once with the
   * exit code when it cannot start. Also the {@code proxy} command of the conformance jar.
   */
  public static int serve(List<Path> configFiles, PrintStream out, PrintStream err)
      throws InterruptedException {
    ReferenceProxyServer proxy;
    try {
      proxy = ReferenceProxyServer.start(ConfigLoader.load(configFiles));
    } catch (ConfigException e) {
      err.println("reference-proxy: " + e.getMessage());
      return EXIT_USAGE;
    } catch (Exception e) {
      err.println("reference-proxy: cannot start: " + e);
      return EXIT_FAILURE;
    }
    out.println("reference-proxy listening on " + proxy.endpoint());
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "reference-proxy-shutdown"));
    proxy.join();
    return EXIT_OK;
  }

  private static int usageError(PrintStream err, String problem) {
    err.println("reference-proxy: " + problem + " (see --help)");
    return EXIT_USAGE;
  }
}
