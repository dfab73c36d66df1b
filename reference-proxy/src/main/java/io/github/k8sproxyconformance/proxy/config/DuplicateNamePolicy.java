package io.github.k8sproxyconformance.proxy.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a request naming a cluster name shared by several located clusters reaches.
 *
 * <p>Backstage routes such a request to the first located cluster (issue #15901), so the second
 * cannot be reached and a token meant for it may be sent to the first. {@link #FIRST_MATCH} mirrors
 * Backstage; {@link #REJECT} refuses to guess.
 */
public enum DuplicateNamePolicy {
  /** The first cluster of that name, in locator order, as Backstage does. */
  FIRST_MATCH("first-match"),
  /** No cluster: the request is answered 409 and lists the candidates. */
  REJECT("reject");

  private final String configName;

  DuplicateNamePolicy(String configName) {
    this.configName = configName;
  }

  /** The value of {@code proxy.duplicateNames} that selects this policy. */
  public String configName() {
    return configName;
  }

  /** The policy whose {@link #configName()} is {@code value}, if any. */
  public static Optional<DuplicateNamePolicy> fromConfigName(String value) {
    return Arrays.stream(values()).filter(p -> p.configName.equals(value)).findFirst();
  }
}
