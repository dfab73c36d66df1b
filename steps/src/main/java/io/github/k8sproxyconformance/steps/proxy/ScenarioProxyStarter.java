package io.github.k8sproxyconformance.steps.proxy;

import io.github.k8sproxyconformance.proxy.config.ConfigException;
import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import java.nio.file.Path;

/**
 * How a {@code @reconfigures-proxy} scenario gets a proxy of its own from the app-config file the
 * harness wrote for it.
 *
 * <p>The suite always starts the bundled reference proxy ({@link #BUNDLED}). The seam exists for
 * the negative controls: they start a broken proxy on the scenario's configuration instead, through
 * {@code ScenarioWorld#proxyStarter(ScenarioProxyStarter)}, to show that these scenarios can fail
 * too.
 */
@FunctionalInterface
public interface ScenarioProxyStarter {

  /** The bundled reference proxy, as the suite runs these scenarios. */
  ScenarioProxyStarter BUNDLED =
      file -> BundledProxy.start(ConfigLoader.load(file), file.toString());

  /**
   * Starts a proxy on the app-config file; the caller closes it.
   *
   * @throws ConfigException when the proxy refuses the configuration
   * @throws Exception when it does not start for another reason
   */
  ProxyTarget start(Path appConfigFile) throws Exception;
}
