package io.github.k8sproxyconformance.proxy.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which Backstage proxy contract the reference proxy honours.
 *
 * <p>The Backstage proxy changed its selection header, its missing-header answer and its credential
 * handling between the 1.9 release and today; the conformance kit checks either contract, so the
 * reference proxy has to be able to play both.
 */
public enum Profile {
  /** Backstage with plugin-kubernetes-backend 0.21.13 or newer. */
  BACKSTAGE_CURRENT("backstage-current", "Backstage-Kubernetes-Cluster"),
  /** Backstage 1.9 (plugin-kubernetes-backend 0.9.x), the release the proxy was introduced in. */
  BACKSTAGE_1_9("backstage-1.9", "X-Kubernetes-Cluster");

  private final String configName;
  private final String clusterHeader;

  Profile(String configName, String clusterHeader) {
    this.configName = configName;
    this.clusterHeader = clusterHeader;
  }

  /** The value of {@code proxy.profile} that selects this profile. */
  public String configName() {
    return configName;
  }

  /** The request header that names the target cluster. */
  public String clusterHeader() {
    return clusterHeader;
  }

  /** The profile whose {@link #configName()} is {@code value}, if any. */
  public static Optional<Profile> fromConfigName(String value) {
    return Arrays.stream(values()).filter(p -> p.configName.equals(value)).findFirst();
  }
}
