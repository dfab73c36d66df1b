package io.github.k8sproxyconformance.steps.bundled;

import io.github.k8sproxyconformance.proxy.config.ConfigException;
import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import io.github.k8sproxyconformance.steps.proxy.ProxyConfigurationRefused;
import io.github.k8sproxyconformance.steps.proxy.ProxyTarget;
import io.github.k8sproxyconformance.steps.proxy.ScenarioProxyStarter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Starts the bundled reference proxy for the harness; the {@link java.util.ServiceLoader} provider
 * behind {@link ScenarioProxyStarter#bundled()}.
 *
 * <p>It lives with the bundled run, not in the step library, so that only the runs that start the
 * reference proxy in their JVM (this module's suite and negative controls, the runnable jar) depend
 * on it.
 */
public final class BundledProxyStarter implements ScenarioProxyStarter {

  @Override
  public ProxyTarget start(Path appConfigFile) throws Exception {
    return refusalsTranslated(
        () -> BundledProxy.start(ConfigLoader.load(appConfigFile), appConfigFile.toString()));
  }

  /**
   * Runs {@code start}, turning the reference proxy's {@link ConfigException} into the suite's
   * {@link ProxyConfigurationRefused}, so a proxy built on the reference proxy refuses a
   * configuration the way the suite recognises.
   */
  public static ProxyTarget refusalsTranslated(Callable<ProxyTarget> start) throws Exception {
    try {
      return start.call();
    } catch (ConfigException e) {
      throw new ProxyConfigurationRefused(e);
    }
  }
}
