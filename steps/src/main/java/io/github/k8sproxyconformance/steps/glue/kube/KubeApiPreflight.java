package io.github.k8sproxyconformance.steps.glue.kube;

import io.cucumber.java.BeforeAll;
import io.github.k8sproxyconformance.fixtures.kube.KubeMode;
import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.proxy.Harness;

/**
 * Starts the fixtures before the first scenario when k3s provides the Kubernetes API clusters.
 *
 * <p>k3s is an explicit choice: without Docker the run must stop at once with one message saying
 * Docker is needed, rather than fail every scenario with the same start-up error.
 */
public final class KubeApiPreflight {

  private KubeApiPreflight() {}

  /** Starts the harness (and so the k3s containers) when {@code conformance.kube=k3s}. */
  @BeforeAll
  public static void startK3sClustersBeforeAnyScenario() {
    HarnessConfig config;
    try {
      config = HarnessConfig.fromEnvironment();
    } catch (IllegalArgumentException invalid) {
      // a bad setting is reported by every scenario, as without k3s
      return;
    }
    if (KubeMode.fromId(config.kube()) == KubeMode.K3S) {
      Harness.get();
    }
  }
}
