package io.github.k8sproxyconformance.steps.proxy;

import io.github.k8sproxyconformance.fixtures.config.BackstageAppConfig;
import io.github.k8sproxyconformance.fixtures.config.ExternalProxyFiles;
import io.github.k8sproxyconformance.fixtures.config.ProxySection;
import io.github.k8sproxyconformance.fixtures.kube.KubeMode;
import io.github.k8sproxyconformance.fixtures.topology.RunningTopology;
import io.github.k8sproxyconformance.fixtures.topology.StandardTopology;
import io.github.k8sproxyconformance.fixtures.topology.TopologyOptions;
import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The fixtures and the proxy under test, shared by every scenario of a JVM.
 *
 * <p>Starting a dozen clusters and a proxy per scenario would make the suite slow and an external
 * proxy impossible to configure, so they start once, on first use, and a shutdown hook stops them.
 * The holder below is the suite's only static state; it is set once and never changes.
 */
public final class Harness {

  /** Where the bundled reference proxy serves the Kubernetes proxy, as Backstage does. */
  public static final String MOUNT_PATH = "/api/kubernetes/proxy";

  private static final long BUNDLED_IDLE_TIMEOUT_MS = 5000;

  private static final Logger LOG = LoggerFactory.getLogger(Harness.class);
  private static Harness instance;
  private static RuntimeException startFailure;

  private final HarnessConfig config;
  private final RunningTopology topology;
  private final BackstageAppConfig standardAppConfig;
  private final ProxyTarget standardTarget;
  private final AtomicInteger scenarioConfigs = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private Harness(
      HarnessConfig config,
      RunningTopology topology,
      BackstageAppConfig standardAppConfig,
      ProxyTarget standardTarget) {
    this.config = config;
    this.topology = topology;
    this.standardAppConfig = standardAppConfig;
    this.standardTarget = standardTarget;
  }

  /**
   * The harness of this JVM, started on the first call from {@link
   * HarnessConfig#fromEnvironment()}.
   *
   * @throws IllegalStateException when it cannot start; every later call repeats the first failure
   */
  public static synchronized Harness get() {
    if (startFailure != null) {
      throw new IllegalStateException(
          "the conformance harness could not start: " + startFailure.getMessage(), startFailure);
    }
    if (instance == null) {
      try {
        instance = start(HarnessConfig.fromEnvironment());
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
      Harness started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "conformance-harness-stop"));
    }
    return instance;
  }

  /** The harness if a scenario has started it; reports use this so they never start fixtures. */
  public static synchronized Optional<Harness> started() {
    return Optional.ofNullable(instance);
  }

  /** The settings this harness was started with. */
  public HarnessConfig config() {
    return config;
  }

  /** The standard topology of fixture clusters, started once. */
  public RunningTopology topology() {
    return topology;
  }

  /**
   * The proxy every scenario uses unless it starts its own: the bundled reference proxy on the
   * standard configuration for the configured profile, or the external URL.
   */
  public ProxyTarget standardTarget() {
    return standardTarget;
  }

  /** The Backstage app-config of the standard topology, without the reference proxy's section. */
  public BackstageAppConfig standardAppConfig() {
    return standardAppConfig;
  }

  /**
   * The {@code proxy:} section a bundled reference proxy gets unless a scenario sets its own: any
   * free port on 127.0.0.1, Backstage's mount path, the configured profile, first match wins.
   */
  public ProxySection bundledProxySection() {
    return bundledSection(config);
  }

  /**
   * Starts a separate proxy for a scenario that needs another configuration: writes the app-config,
   * with the {@link #bundledProxySection()} added when it has no {@code proxy:} section, and hands
   * it to the starter. The caller closes the result (a {@code ScenarioWorld} does so after the
   * scenario).
   *
   * @throws IllegalStateException when the proxy does not start
   */
  public ProxyTarget startScenarioProxy(
      BackstageAppConfig appConfig, ScenarioProxyStarter starter) {
    Path file = writeScenarioConfig(appConfig);
    try {
      return starter.start(file);
    } catch (Exception e) {
      throw new IllegalStateException("the proxy did not start from " + file, e);
    }
  }

  /**
   * Starts a proxy like {@link #startScenarioProxy} on a configuration it must refuse, and returns
   * why it refused.
   *
   * @return the proxy's message, from {@link ProxyConfigurationRefused}
   * @throws AssertionError when the proxy starts, or fails for a reason other than configuration
   */
  public String startupFailure(BackstageAppConfig appConfig, ScenarioProxyStarter starter) {
    Path file = writeScenarioConfig(appConfig);
    try {
      try (ProxyTarget proxy = starter.start(file)) {
        throw new AssertionError(
            "expected the proxy to refuse " + file + " but it started: " + proxy.description());
      }
    } catch (ProxyConfigurationRefused e) {
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(
          "expected a configuration error from " + file + " but the proxy failed with " + e, e);
    }
  }

  /** Stops the standard target and the fixtures; later calls do nothing. */
  public void close() {
    if (closed.compareAndSet(false, true)) {
      standardTarget.close();
      topology.close();
    }
  }

  private static Harness start(HarnessConfig config) {
    Path profileDir = config.reportDir().toAbsolutePath().resolve(config.profile().id());
    RunningTopology topology = startTopology(config, createdDir(profileDir.resolve("fixtures")));
    try {
      BackstageAppConfig appConfig = BackstageAppConfig.standard(topology);
      ProxyTarget target =
          config.bundled()
              ? startStandardBundled(appConfig, config, profileDir)
              : externalTarget(topology, config);
      LOG.info("Conformance target: {}", target.description());
      return new Harness(config, topology, appConfig, target);
    } catch (RuntimeException e) {
      topology.close();
      throw e;
    }
  }

  private static RunningTopology startTopology(HarnessConfig config, Path workDir) {
    TopologyOptions options =
        new TopologyOptions(
                config.fixtureBindHost(), config.advertisedHost(), config.basePort(), workDir)
            .withKube(KubeMode.fromId(config.kube()));
    try {
      return RunningTopology.start(StandardTopology.clusters(), options);
    } catch (Exception e) {
      throw new IllegalStateException("the fixture clusters did not start: " + e.getMessage(), e);
    }
  }

  private static ProxyTarget startStandardBundled(
      BackstageAppConfig appConfig, HarnessConfig config, Path profileDir) {
    Path file =
        appConfig
            .withProxySection(bundledSection(config))
            .write(createdDir(profileDir).resolve("app-config.bundled.yaml"));
    try {
      return ScenarioProxyStarter.bundled().start(file);
    } catch (Exception e) {
      throw new IllegalStateException(
          "the bundled reference proxy did not start from " + file + ": " + e.getMessage(), e);
    }
  }

  private static ProxyTarget externalTarget(RunningTopology topology, HarnessConfig config) {
    Path file =
        createdDir(config.reportDir().toAbsolutePath())
            .resolve(ExternalProxyFiles.CONFIG_FILE_NAME);
    ExternalProxyFiles.write(topology, file);
    LOG.info(
        "The proxy under test must be configured with the clusters in {} (with the defaults this"
            + " is fixtures/{} of the repository)",
        file,
        ExternalProxyFiles.CONFIG_FILE_NAME);
    return new ExternalProxy(config.proxyUrl().orElseThrow());
  }

  private Path writeScenarioConfig(BackstageAppConfig appConfig) {
    BackstageAppConfig complete =
        hasProxySection(appConfig) ? appConfig : appConfig.withProxySection(bundledProxySection());
    Path dir = createdDir(config.reportDir().toAbsolutePath().resolve(config.profile().id()));
    String name = "app-config.scenario-" + scenarioConfigs.incrementAndGet() + ".yaml";
    return complete.write(dir.resolve(name));
  }

  /**
   * The bundled proxy's section. Its 5 s connection idle timeout is when the reference proxy
   * notices a client that gave up on a hung cluster, so that scenario takes seconds, not the
   * default 30 s. Its access log goes to the application log, which the run routes to {@code
   * proxy.log} ({@link ProxyLog}), not to the console.
   */
  private static ProxySection bundledSection(HarnessConfig config) {
    return new ProxySection(
        "127.0.0.1",
        0,
        MOUNT_PATH,
        config.profile().id(),
        "first-match",
        BUNDLED_IDLE_TIMEOUT_MS,
        "log");
  }

  private static Path createdDir(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static boolean hasProxySection(BackstageAppConfig appConfig) {
    Object root = new Load(LoadSettings.builder().build()).loadFromString(appConfig.render());
    return root instanceof Map<?, ?> map && map.containsKey("proxy");
  }
}
