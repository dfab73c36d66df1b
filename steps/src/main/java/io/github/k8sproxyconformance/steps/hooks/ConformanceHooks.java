package io.github.k8sproxyconformance.steps.hooks;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.proxy.Harness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares every scenario and cleans up after it.
 *
 * <p>Before: the scenario is handed to the world, scenarios this run cannot check are aborted with
 * the outcome they count as (see {@link SkipRules}), and the clusters forget earlier requests so a
 * scenario only sees its own. After: a failed scenario gets its evidence attached, then the streams
 * and proxies it opened are closed. Both hooks are ordered to run around any other hooks: the
 * before hook first, the after hook last.
 */
public final class ConformanceHooks {

  private static final Logger LOG = LoggerFactory.getLogger(ConformanceHooks.class);

  private final ScenarioWorld world;

  /** For picocontainer: the world of the scenario about to run. */
  public ConformanceHooks(ScenarioWorld world) {
    this.world = world;
  }

  /** Records the scenario, aborts it when it cannot run here, clears cluster recordings. */
  @Before(order = 0)
  public void prepare(Scenario scenario) {
    world.scenario(scenario);
    SkipRules.reasonToSkip(scenario.getSourceTagNames(), world.config())
        .ifPresent(
            notChecked -> {
              throw notChecked;
            });
    world.topology().clearReceived();
  }

  /** Attaches evidence when the scenario failed, then closes what it opened. */
  @After(order = 0)
  public void finish(Scenario scenario) {
    try {
      if (scenario.isFailed() && Harness.started().isPresent()) {
        new FailureAttachments(world).attachAll();
      }
    } catch (RuntimeException e) {
      // evidence helps a reader; failing to collect it must not replace the scenario's own failure
      LOG.warn("Could not attach evidence to '{}'", scenario.getName(), e);
    } finally {
      world.closeScenarioResources();
    }
  }
}
