package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.proxy.ReferenceProxyServer;
import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.proxy.config.ClusterUrl;
import io.github.k8sproxyconformance.proxy.config.ConfigException;
import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import io.github.k8sproxyconformance.proxy.config.ProxyConfig;
import io.github.k8sproxyconformance.steps.config.Profile;
import io.github.k8sproxyconformance.steps.negative.SocketRelay.RequestRule;
import io.github.k8sproxyconformance.steps.proxy.Harness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Builds broken proxies from the reference proxy on an app-config file: a changed configuration, a
 * relay in front, relays behind it towards the clusters.
 *
 * <p>Reusing the reference proxy means each broken proxy differs from a correct one in exactly the
 * one behaviour it is named after. The file is the standard configuration of a {@link Harness}, or
 * the configuration a {@code @reconfigures-proxy} scenario starts its own proxy on.
 */
final class ProxyKit {

  private final Harness harness;
  private final String name;
  private final Path appConfigFile;
  private ProxyConfig config;

  ProxyKit(Harness harness, String name, Path appConfigFile) {
    this.harness = harness;
    this.name = name;
    this.appConfigFile = appConfigFile;
  }

  /**
   * Writes the standard configuration of the harness, with the bundled proxy section, for the
   * broken proxies that stand in for the standard target.
   */
  static Path standardConfigFile(Harness harness) {
    try {
      Path dir =
          Files.createDirectories(
              harness.config().reportDir().toAbsolutePath().resolve("negative-controls"));
      Path file = dir.resolve("app-config." + harness.config().profile().id() + ".yaml");
      harness.standardAppConfig().withProxySection(harness.bundledProxySection()).write(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the broken proxies' configuration", e);
    }
  }

  /** The profile the suite runs in. */
  Profile profile() {
    return harness.config().profile();
  }

  /** The harness whose topology the broken proxies forward to. */
  Harness harness() {
    return harness;
  }

  /** The app-config file the broken proxy is built on. */
  Path appConfigFile() {
    return appConfigFile;
  }

  /**
   * The configuration read from {@link #appConfigFile()}, as the reference proxy reads it.
   *
   * @throws ConfigException when the reference proxy refuses it, which a broken proxy built on it
   *     then does too
   */
  ProxyConfig config() {
    if (config == null) {
      config = ConfigLoader.load(appConfigFile);
    }
    return config;
  }

  /** The reference proxy on the configuration changed by the mutation. */
  BrokenProxy reference(UnaryOperator<ProxyConfig> mutation) {
    return referenceOn(mutation.apply(config()));
  }

  /** The reference proxy on a configuration the recipe made itself. */
  BrokenProxy referenceOn(ProxyConfig changed) {
    ReferenceProxyServer server = startReference(changed);
    return new BrokenProxy(name, server.endpoint(), List.of(server), server.startupWarnings());
  }

  /** The reference proxy with a relay in front that rewrites requests and passes responses. */
  BrokenProxy front(UnaryOperator<HttpHead> request, ResponsePass response) {
    return front(request, response, Upgrades.carried());
  }

  /** The same, carrying WebSocket upgrades as {@code upgrades} say. */
  BrokenProxy front(UnaryOperator<HttpHead> request, ResponsePass response, Upgrades upgrades) {
    return routed(
        UnaryOperator.identity(), proxy -> SocketRelay.to(proxy, request), response, upgrades);
  }

  /**
   * A relay in front of a (possibly changed) reference proxy, deciding per request where it goes.
   */
  BrokenProxy routed(
      UnaryOperator<ProxyConfig> mutation,
      Function<InetSocketAddress, RequestRule> rule,
      ResponsePass response) {
    return routed(mutation, rule, response, Upgrades.carried());
  }

  private BrokenProxy routed(
      UnaryOperator<ProxyConfig> mutation,
      Function<InetSocketAddress, RequestRule> rule,
      ResponsePass response,
      Upgrades upgrades) {
    ReferenceProxyServer server = startReference(mutation.apply(config()));
    URI proxy = server.endpoint();
    SocketRelay front =
        SocketRelay.start(
            rule.apply(new InetSocketAddress(proxy.getHost(), proxy.getPort())),
            response,
            upgrades);
    return new BrokenProxy(
        name, endpointAt(front.port()), List.of(front, server), server.startupWarnings());
  }

  /**
   * The reference proxy with a relay in front and one relay behind it per plain-HTTP cluster, so a
   * broken proxy can change what a cluster receives after the reference proxy has done its part.
   */
  BrokenProxy around(UnaryOperator<HttpHead> front, UnaryOperator<HttpHead> back) {
    List<AutoCloseable> parts = new ArrayList<>();
    List<ClusterConfig> relayed =
        relayedClusters(
            false,
            cluster ->
                SocketRelay.start(
                    SocketRelay.to(address(cluster.url()), back), ResponsePass.unchanged()),
            parts);
    BrokenProxy proxy =
        routed(
            config -> ConfigChanges.withClusters(config, relayed),
            address -> SocketRelay.to(address, front),
            ResponsePass.unchanged());
    parts.add(0, proxy);
    return new BrokenProxy(name, proxy.endpoint(), parts, proxy.startupWarnings());
  }

  /**
   * The reference proxy reaching every HTTPS cluster through a relay of its own: the proxy speaks
   * plain HTTP to the relay, which opens the connection to the cluster as {@code tls} says for that
   * cluster and sets {@code Host} to the cluster's address, so a broken proxy can do at the TLS
   * layer what the reference proxy never does.
   */
  BrokenProxy tlsBehind(Function<ClusterConfig, SocketRelay.Upstreams> tls) {
    List<AutoCloseable> parts = new ArrayList<>();
    List<ClusterConfig> relayed =
        relayedClusters(
            true,
            cluster -> {
              String authority = cluster.url().host() + ":" + cluster.url().port();
              return SocketRelay.start(
                  SocketRelay.to(address(cluster.url()), h -> h.replaced("Host", authority)),
                  ResponsePass.unchanged(),
                  tls.apply(cluster));
            },
            parts);
    BrokenProxy proxy = reference(config -> ConfigChanges.withClusters(config, relayed));
    parts.add(0, proxy);
    return new BrokenProxy(name, proxy.endpoint(), parts, proxy.startupWarnings());
  }

  /**
   * The standard clusters, those whose URL is {@code https} (or, for false, plain {@code http})
   * each moved to a plain-HTTP relay started for it; the relays are added to {@code parts}.
   */
  private List<ClusterConfig> relayedClusters(
      boolean https, Function<ClusterConfig, SocketRelay> start, List<AutoCloseable> parts) {
    List<ClusterConfig> clusters = new ArrayList<>();
    for (ClusterConfig cluster : config().clusters()) {
      ClusterUrl url = cluster.url();
      if (url.isHttps() != https) {
        clusters.add(cluster);
        continue;
      }
      SocketRelay relay = start.apply(cluster);
      parts.add(relay);
      clusters.add(
          ConfigChanges.withUrl(
              cluster, new ClusterUrl("http", "127.0.0.1", relay.port(), url.path())));
    }
    return clusters;
  }

  private static InetSocketAddress address(ClusterUrl url) {
    return new InetSocketAddress(url.host(), url.port());
  }

  private ReferenceProxyServer startReference(ProxyConfig changed) {
    try {
      return ReferenceProxyServer.start(changed);
    } catch (Exception e) {
      throw new IllegalStateException("a broken proxy's reference proxy did not start", e);
    }
  }

  private static URI endpointAt(int port) {
    return URI.create("http://127.0.0.1:" + port + Harness.MOUNT_PATH);
  }
}
