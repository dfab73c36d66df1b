package io.github.k8sproxyconformance.steps.bundled;

import io.github.k8sproxyconformance.proxy.ReferenceProxyServer;
import io.github.k8sproxyconformance.proxy.config.ProxyConfig;
import io.github.k8sproxyconformance.steps.proxy.ProxyTarget;
import java.net.URI;
import java.util.List;

/**
 * The reference proxy, started in this JVM from an app-config.
 *
 * <p>Running it in-process keeps {@code mvn verify} self-contained: no jar to launch, no port to
 * agree on, and a scenario that needs another configuration can start its own instance in
 * milliseconds.
 */
public final class BundledProxy implements ProxyTarget {

  private final ReferenceProxyServer server;
  private final String configSource;

  private BundledProxy(ReferenceProxyServer server, String configSource) {
    this.server = server;
    this.configSource = configSource;
  }

  /**
   * Starts a reference proxy.
   *
   * @param config the parsed app-config
   * @param configSource where the config came from, for the description
   * @throws Exception whatever the reference proxy throws when it cannot start
   */
  public static BundledProxy start(ProxyConfig config, String configSource) throws Exception {
    return new BundledProxy(ReferenceProxyServer.start(config), configSource);
  }

  @Override
  public URI endpoint() {
    return server.endpoint();
  }

  @Override
  public boolean bundled() {
    return true;
  }

  @Override
  public List<String> startupWarnings() {
    return server.startupWarnings();
  }

  @Override
  public String description() {
    return "bundled reference proxy at " + endpoint() + " (config: " + configSource + ")";
  }

  @Override
  public void close() {
    server.close();
  }
}
