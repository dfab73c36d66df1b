package io.github.k8sproxyconformance.proxy.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the reference proxy runs with, read once from an app-config.yaml.
 *
 * @param clusters every located cluster, in locator order and, within a locator, in file order
 * @param listenHost the address the proxy binds
 * @param listenPort the port it binds; 0 picks a free port
 * @param mountPath where the proxy endpoint lives, e.g. {@code /api/kubernetes/proxy}
 * @param profile which Backstage contract it honours
 * @param duplicateNames what a request for a name shared by several clusters reaches
 * @param connectionIdleTimeout how long a connection on either leg may sit idle between exchanges,
 *     or stall mid-transfer, before it is closed
 * @param exchangeIdleTimeout how long an in-flight exchange may see no bytes from the cluster
 *     before it is cut; {@link Duration#ZERO} for never, so a quiet watch stays open
 * @param limits the bounds against hostile clusters and slow callers
 * @param accessLog where the line per exchange goes, and its format
 */
public record ProxyConfig(
    List<ClusterConfig> clusters,
    String listenHost,
    int listenPort,
    String mountPath,
    Profile profile,
    DuplicateNamePolicy duplicateNames,
    Duration connectionIdleTimeout,
    Duration exchangeIdleTimeout,
    ProxyLimits limits,
    AccessLogSettings accessLog) {

  /** Copies the cluster list so the record stays immutable. */
  public ProxyConfig {
    clusters = List.copyOf(clusters);
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(mountPath, "mountPath");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(duplicateNames, "duplicateNames");
    Objects.requireNonNull(connectionIdleTimeout, "connectionIdleTimeout");
    Objects.requireNonNull(exchangeIdleTimeout, "exchangeIdleTimeout");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(accessLog, "accessLog");
  }
}
