package io.github.k8sproxyconformance.negativecontrols;

import io.cucumber.java.Before;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.bundled.BundledProxyStarter;
import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog;

/**
 * Glue that points every scenario at a broken proxy instead of the standard target, and makes a
 * {@code @reconfigures-proxy} scenario start the same broken proxy on its own configuration instead
 * of the bundled reference proxy.
 *
 * <p>It lives outside the suite's glue package so that only the negative-control runs load it; they
 * name the broken proxy in a system property because Cucumber creates glue itself and hands it no
 * other input. The proxy is started for each scenario and closed after it by the world, like any
 * scenario's own target.
 */
public final class BrokenProxyHook {

  /** The system property naming the broken proxy of the current run. */
  public static final String PROPERTY = "negative-controls.proxy";

  private final ScenarioWorld world;

  /** For picocontainer: the world of the scenario about to run. */
  public BrokenProxyHook(ScenarioWorld world) {
    this.world = world;
  }

  /** Runs after the suite's own before hook, which may already have skipped the scenario. */
  @Before(order = 1)
  public void targetTheBrokenProxy() {
    String name = System.getProperty(PROPERTY);
    if (name == null) {
      throw new IllegalStateException(PROPERTY + " names no broken proxy for this run");
    }
    BrokenProxyCatalog catalog = new BrokenProxyCatalog();
    world.replaceTarget(catalog.start(name, world.harness()));
    world.proxyStarter(
        file ->
            BundledProxyStarter.refusalsTranslated(
                () -> catalog.start(name, world.harness(), file)));
  }
}
