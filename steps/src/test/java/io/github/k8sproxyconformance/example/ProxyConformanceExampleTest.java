package io.github.k8sproxyconformance.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.k8sproxyconformance.fixtures.config.ExternalProxyFiles;
import io.github.k8sproxyconformance.fixtures.kube.KubeMode;
import io.github.k8sproxyconformance.fixtures.topology.RunningTopology;
import io.github.k8sproxyconformance.fixtures.topology.StandardTopology;
import io.github.k8sproxyconformance.fixtures.topology.TopologyOptions;
import io.github.k8sproxyconformance.proxy.ReferenceProxyServer;
import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.report.Verdict;
import io.github.k8sproxyconformance.steps.report.VerdictFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the example suite class {@link ProxyConformanceIT} as a project checking its own proxy
 * would: against a proxy given by URL (a reference proxy on loopback, configured with the fixture
 * clusters' app-config), and checks that the run reaches a verdict, and a passing one.
 */
class ProxyConformanceExampleTest {

  /** A fixture port range of its own, away from 27100 (the default) and the jar's tests' 27400. */
  private static final int BASE_PORT = 27700;

  @TempDir Path dir;

  @Test
  void theExampleSuiteGivesAVerdictOnAProxyGivenByUrl() throws Exception {
    Path verdict = dir.resolve("verdict.yaml");
    Path local =
        Files.writeString(
            dir.resolve("app-config.local.yaml"), "proxy:\n  listen: {host: 127.0.0.1, port: 0}\n");
    try (ReferenceProxyServer proxy =
        ReferenceProxyServer.start(ConfigLoader.load(List.of(fixtureConfig(), local)))) {
      Map<String, String> settings = new HashMap<>();
      settings.put(HarnessConfig.PROXY_URL, proxy.endpoint().toString());
      settings.put(HarnessConfig.BASE_PORT, Integer.toString(BASE_PORT));
      settings.put(HarnessConfig.KUBE, KubeMode.OFF.id());
      settings.put(HarnessConfig.REPORT_DIR, dir.resolve("report").toString());
      settings.put(VerdictFile.PROPERTY, verdict.toString());
      runExampleSuite(
          settings, "The cluster header picks beta rather than the first configured cluster");
    }

    assertThat(verdict).exists();
    assertThat(Verdict.read(verdict).passed()).as(Files.readString(verdict)).isTrue();
    assertThat(Files.readString(verdict)).contains("1 passed");
  }

  /** The app-config a proxy under test gets, as {@code fixtures config --base-port} writes it. */
  private Path fixtureConfig() throws Exception {
    TopologyOptions options =
        new TopologyOptions("127.0.0.1", "127.0.0.1", BASE_PORT, dir.resolve("fixtures"))
            .withKube(KubeMode.OFF);
    try (RunningTopology topology = RunningTopology.start(StandardTopology.clusters(), options)) {
      Path folder = Files.createDirectories(dir.resolve("config"));
      return ExternalProxyFiles.write(
          topology, folder.resolve(ExternalProxyFiles.CONFIG_FILE_NAME));
    }
  }

  /**
   * Runs the scenarios whose names match {@code scenarioName}. The harness reads its settings from
   * system properties; they are restored afterwards.
   */
  private static void runExampleSuite(Map<String, String> settings, String scenarioName) {
    Map<String, String> previous = new HashMap<>();
    settings.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    try {
      LauncherFactory.create()
          .execute(
              LauncherDiscoveryRequestBuilder.request()
                  .selectors(selectClass(ProxyConformanceIT.class))
                  .configurationParameter("cucumber.filter.name", scenarioName)
                  .build());
    } finally {
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, value);
            }
          });
    }
  }
}
