package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.proxy.config.DuplicateNamePolicy;
import io.github.k8sproxyconformance.proxy.config.ProxyConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration risks an operator should hear about once, at startup.
 *
 * <p>A shared cluster name makes all but one of its clusters unreachable (Backstage issue #15901),
 * and {@code skipTLSVerify} exposes a cluster's token to anyone on the path; both are legal
 * configurations, so they are warnings, not errors. The texts name clusters and URLs only.
 */
final class StartupWarnings {
  private StartupWarnings() {}

  static List<String> of(ProxyConfig config) {
    List<String> warnings = new ArrayList<>();
    Map<String, List<ClusterConfig>> byName = new LinkedHashMap<>();
    config.clusters().forEach(c -> byName.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(c));
    byName.forEach(
        (name, clusters) -> {
          if (clusters.size() > 1) {
            warnings.add(duplicate(name, clusters, config.duplicateNames()));
          }
        });
    for (ClusterConfig cluster : config.clusters()) {
      if (cluster.skipTlsVerify()) {
        warnings.add(
            "Cluster '"
                + cluster.name()
                + "' ("
                + cluster.url()
                + ") has skipTLSVerify: true; its certificate chain and host name are not verified");
      }
    }
    return List.copyOf(warnings);
  }

  private static String duplicate(
      String name, List<ClusterConfig> clusters, DuplicateNamePolicy policy) {
    String defined =
        clusters.stream()
            .map(c -> c.url() + " from " + c.origin())
            .collect(Collectors.joining(", "));
    String outcome =
        policy == DuplicateNamePolicy.REJECT
            ? "requests for it are refused with 409"
            : "requests for it reach the first, " + clusters.get(0).url();
    return "Duplicate cluster name '" + name + "': " + outcome + "; defined as " + defined;
  }
}
