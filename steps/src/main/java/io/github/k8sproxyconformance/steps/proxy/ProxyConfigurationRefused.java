package io.github.k8sproxyconformance.steps.proxy;

/**
 * A proxy started by a {@link ScenarioProxyStarter} refused its configuration at startup.
 *
 * <p>Scenarios that feed a proxy a bad file check that it refuses to start and what it says; this
 * carries the proxy's own message, so the suite can tell a refusal from any other failure without
 * knowing the proxy's exception types.
 */
public final class ProxyConfigurationRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The refusal, with the proxy's message and its exception as the cause. */
  public ProxyConfigurationRefused(Throwable refusal) {
    super(refusal.getMessage(), refusal);
  }
}
