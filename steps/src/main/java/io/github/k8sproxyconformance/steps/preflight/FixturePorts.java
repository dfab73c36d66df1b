package io.github.k8sproxyconformance.steps.preflight;

import io.github.k8sproxyconformance.fixtures.topology.ClusterKind;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.fixtures.topology.StandardTopology;
import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixed ports the standard topology will listen on in a run, and whether each is free now.
 *
 * <p>With a base port, cluster {@code i} of {@link StandardTopology} listens on {@code basePort +
 * i} (the down cluster only reserves its port: something answering there would make it up). The
 * Kubernetes API clusters are left out with {@code conformance.kube=off}, as the topology leaves
 * them out. {@code localKubectlProxy} is not among them: Backstage hardwires it to
 * 127.0.0.1:{@value #LOCAL_KUBECTL_PROXY_PORT}, no base port moves it, and when that port is taken
 * the harness reports the scenarios on it unsupported instead of failing them, so a taken 8001 is a
 * note, not a stop.
 */
final class FixturePorts {

  /** The port of the {@code local} cluster, fixed by Backstage's localKubectlProxy locator. */
  static final int LOCAL_KUBECTL_PROXY_PORT = 8001;

  /** One fixture port: the cluster that listens on it. */
  record FixturePort(int port, String clusterId) {}

  private FixturePorts() {}

  /** The ports this run's fixtures will bind, in topology order; none when the ports are free. */
  static List<FixturePort> of(HarnessConfig config) {
    List<FixturePort> ports = new ArrayList<>();
    if (config.basePort() == 0) {
      return ports;
    }
    List<ClusterSpec> clusters = StandardTopology.clusters();
    for (int i = 0; i < clusters.size(); i++) {
      ClusterKind kind = clusters.get(i).kind();
      boolean started = !kind.isKubeApi() || !config.kube().equals("off");
      if (kind != ClusterKind.LOCAL_KUBECTL_PROXY && started) {
        ports.add(new FixturePort(config.basePort() + i, clusters.get(i).id()));
      }
    }
    return ports;
  }

  /** The first of {@link #of} that cannot be bound on the fixtures' address now. */
  static Optional<FixturePort> firstTaken(HarnessConfig config) {
    String host = config.fixtureBindHost();
    return of(config).stream().filter(port -> !free(host, port.port())).findFirst();
  }

  /** Whether the localKubectlProxy port can be bound on loopback now. */
  static boolean localKubectlProxyFree() {
    return free("127.0.0.1", LOCAL_KUBECTL_PROXY_PORT);
  }

  /**
   * Binds and releases the port as the fixtures will (Jetty reuses addresses, so a port left in
   * TIME_WAIT by an earlier run counts as free, as it is for them).
   */
  private static boolean free(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
