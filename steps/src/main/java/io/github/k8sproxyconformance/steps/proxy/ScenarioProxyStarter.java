package io.github.k8sproxyconformance.steps.proxy;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * How the harness starts a proxy in this JVM from an app-config file it wrote: the bundled
 * reference proxy on the standard configuration, and a proxy of its own for each {@code
 * @reconfigures-proxy} scenario.
 *
 * <p>The bundled reference proxy is found through {@link ServiceLoader} ({@link #bundled()}), so
 * this module does not depend on it: a project that checks its own proxy by URL gets neither the
 * reference proxy nor a logging backend, and only the bundled run (this module's tests, the
 * runnable jar) puts them on the class path. The negative controls use the same seam to start a
 * broken proxy on a scenario's configuration instead, through {@code
 * ScenarioWorld#proxyStarter(ScenarioProxyStarter)}, to show that these scenarios can fail too.
 */
@FunctionalInterface
public interface ScenarioProxyStarter {

  /**
   * Starts a proxy on the app-config file; the caller closes it.
   *
   * @throws ProxyConfigurationRefused when the proxy refuses the configuration
   * @throws Exception when it does not start for another reason
   */
  ProxyTarget start(Path appConfigFile) throws Exception;

  /**
   * The bundled reference proxy, as the suite runs it.
   *
   * @throws IllegalStateException when no bundled proxy is on the class path, which only a run
   *     against a proxy given by URL can do without
   */
  static ScenarioProxyStarter bundled() {
    return ServiceLoader.load(ScenarioProxyStarter.class)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no bundled reference proxy on the class path: give the proxy under test by"
                        + " URL (conformance.proxy.url), or run the suite from this kit's build or"
                        + " its runnable jar"));
  }
}
