package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.proxy.config.DuplicateNamePolicy;
import io.github.k8sproxyconformance.proxy.config.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Picks the cluster a request is for from the value of the profile's cluster header.
 *
 * <p>Matching is Backstage's: the first cluster, in locator order, whose name equals the header
 * value exactly. Repeated header lines are joined with {@code ", "} as Node does, so they match no
 * name. The answers for a missing, empty or unknown name, and their messages, are those of the
 * profile's Backstage release, because clients and the conformance features rely on them.
 */
final class ClusterSelector {
  private final List<ClusterConfig> clusters;
  private final Map<String, List<ClusterConfig>> clustersByName;
  private final Profile profile;
  private final DuplicateNamePolicy duplicateNames;

  ClusterSelector(List<ClusterConfig> clusters, Profile profile, DuplicateNamePolicy policy) {
    this.clusters = List.copyOf(clusters);
    this.clustersByName =
        this.clusters.stream()
            .collect(
                Collectors.groupingBy(
                    ClusterConfig::name, LinkedHashMap::new, Collectors.toList()));
    this.profile = profile;
    this.duplicateNames = policy;
  }

  /** The outcome of selecting a cluster. */
  sealed interface Selection permits Selected, Refusal {}

  /** The request goes to {@code cluster}. */
  record Selected(ClusterConfig cluster) implements Selection {}

  /**
   * Selects by {@code headerValues}, the values of every line of the cluster header in arrival
   * order (empty when the header is absent).
   */
  Selection select(List<String> headerValues) {
    boolean absent = headerValues.isEmpty();
    String value = String.join(", ", headerValues);
    if (profile == Profile.BACKSTAGE_1_9) {
      if (value.isEmpty()) {
        return new Refusal(
            ErrorEnvelope.inputError("Missing '" + profile.clusterHeader() + "' header."));
      }
      return byName(value);
    }
    if (clusters.isEmpty()) {
      return new Refusal(ErrorEnvelope.notFound("No Clusters configured"));
    }
    if (!value.isEmpty()) {
      return byName(value);
    }
    if (clusters.size() == 1) {
      return new Selected(clusters.get(0));
    }
    return notFound(absent ? "undefined" : value);
  }

  private Selection byName(String name) {
    List<ClusterConfig> matches = clustersByName.getOrDefault(name, List.of());
    if (matches.isEmpty()) {
      return notFound(name);
    }
    if (matches.size() > 1 && duplicateNames == DuplicateNamePolicy.REJECT) {
      return new Refusal(ambiguous(name, matches));
    }
    return new Selected(matches.get(0));
  }

  private static Selection notFound(String name) {
    return new Refusal(ErrorEnvelope.notFound("Cluster '" + name + "' not found"));
  }

  private static ErrorEnvelope ambiguous(String name, List<ClusterConfig> matches) {
    String where =
        matches.stream()
            .map(c -> c.url() + " from " + c.origin())
            .collect(Collectors.joining(", "));
    String candidates =
        matches.stream()
            .map(
                c ->
                    "{\"locatorIndex\":"
                        + c.locatorIndex()
                        + ",\"locatorType\":"
                        + Json.quote(c.locatorType())
                        + ",\"url\":"
                        + Json.quote(c.url().toString())
                        + "}")
            .collect(Collectors.joining(",", "[", "]"));
    return ErrorEnvelope.conflict(
        "Cluster name '"
            + name
            + "' is ambiguous: "
            + matches.size()
            + " clusters share it ("
            + where
            + "); refusing to pick one",
        candidates);
  }
}
