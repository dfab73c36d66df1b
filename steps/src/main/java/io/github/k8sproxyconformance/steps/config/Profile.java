package io.github.k8sproxyconformance.steps.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The contract a run expects: Backstage today or the Backstage 1.9 proxy of the seed document.
 *
 * <p>The two differ in the header that selects a cluster and in how credentials pass; steps speak
 * of "the cluster header" and let the profile say which header that is, so one feature file serves
 * both contracts.
 */
public enum Profile {
  BACKSTAGE_CURRENT("backstage-current", "Backstage-Kubernetes-Cluster"),
  BACKSTAGE_1_9("backstage-1.9", "X-Kubernetes-Cluster");

  private final String id;
  private final String clusterHeader;

  Profile(String id, String clusterHeader) {
    this.id = id;
    this.clusterHeader = clusterHeader;
  }

  /** The id used in configuration, tags ({@code @profile-<id>}) and report paths. */
  public String id() {
    return id;
  }

  /** The request header that names the target cluster under this contract. */
  public String clusterHeader() {
    return clusterHeader;
  }

  /**
   * The profile with this id.
   *
   * @throws IllegalArgumentException listing the known ids when there is none
   */
  public static Profile fromId(String id) {
    return Arrays.stream(values())
        .filter(profile -> profile.id.equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown profile '" + id + "'; known profiles: " + knownIds()));
  }

  /** The ids of every profile, comma separated, for error messages and help texts. */
  public static String knownIds() {
    return Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", "));
  }
}
