package io.github.k8sproxyconformance.proxy.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * What the load tests stand on: one cluster on loopback, served by a Jetty handler of the test's
 * choosing, and the proxy jar in its own JVM in front of it, configured with an app-config as a
 * user would write it. The clients speak raw HTTP/1.1 over sockets, so that nothing between them
 * and the proxy pools, retries or buffers.
 */
public final class LoadRig implements AutoCloseable {
  /** The shaded jar under test; {@code -Dproxy.jar} points elsewhere. */
  public static final Path JAR =
      Path.of(System.getProperty("proxy.jar", "target/reference-proxy.jar"));

  private final Server cluster;
  private final ProxyProcess proxy;

  private LoadRig(Server cluster, ProxyProcess proxy) {
    this.cluster = cluster;
    this.proxy = proxy;
  }

  /**
   * Starts cluster {@code alpha} with {@code handler}, accepting up to {@code acceptQueueSize}
   * pending connections, then the proxy jar in front of it, logging to {@code log}.
   */
  public static LoadRig start(Path dir, Handler handler, int acceptQueueSize, Path log)
      throws Exception {
    Server cluster = new Server();
    try {
      ServerConnector connector = new ServerConnector(cluster);
      connector.setHost("127.0.0.1");
      connector.setAcceptQueueSize(acceptQueueSize);
      cluster.addConnector(connector);
      cluster.setHandler(handler);
      cluster.start();
      return new LoadRig(
          cluster, ProxyProcess.start(JAR, config(dir, connector.getLocalPort()), log));
    } catch (Exception e) {
      cluster.stop();
      throw e;
    }
  }

  /** The proxy in front of the cluster. */
  public ProxyProcess proxy() {
    return proxy;
  }

  /** Stops the proxy, then the cluster. */
  @Override
  public void close() throws Exception {
    try {
      proxy.close();
    } finally {
      cluster.stop();
    }
  }

  /** Reads one CRLF- or LF-terminated line; null at the end of the stream. */
  public static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? 1 : 0;
        return line.substring(0, line.length() - end);
      }
      line.append((char) b);
    }
    return null;
  }

  private static Path config(Path dir, int clusterPort) throws IOException {
    Path config = dir.resolve("app-config.yaml");
    Files.writeString(
        config,
        "kubernetes:\n  clusterLocatorMethods:\n    - type: config\n      clusters:\n"
            + "        - name: alpha\n          url: http://127.0.0.1:"
            + clusterPort
            + "\n          authProvider: serviceAccount\n          serviceAccountToken: load-token\n"
            + "proxy:\n  listen:\n    host: 127.0.0.1\n    port: 0\n");
    return config;
  }
}
