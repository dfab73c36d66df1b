package io.github.k8sproxyconformance.steps.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.github.k8sproxyconformance.fixtures.config.BackstageAppConfig;
import io.github.k8sproxyconformance.fixtures.config.ProxySection;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.proxy.ProxyTarget;
import java.util.List;

/**
 * Starts a reference proxy of the scenario's own, on a configuration other than the standard
 * topology, for {@code @reconfigures-proxy} scenarios.
 *
 * <p>Single-cluster fallback, duplicate detection and locator order can only be shown by changing
 * which clusters a proxy knows; the fixture clusters stay the shared ones, so what reached them is
 * checked with the usual steps.
 */
public class ProxyConfigurationSteps {

  private final ScenarioWorld world;
  private BackstageAppConfig appConfig;
  private String duplicateNames;
  private ProxyTarget started;

  public ProxyConfigurationSteps(ScenarioWorld world) {
    this.world = world;
  }

  @Given("a proxy configuration with the standard topology")
  public void configurationWithStandardTopology() {
    appConfig = world.harness().standardAppConfig();
  }

  @Given("a proxy configuration with only cluster {cluster}")
  public void configurationWithOnlyCluster(ClusterSpec cluster) {
    withLocators(List.of(List.of(cluster.id())));
  }

  @Given("a proxy configuration with no clusters")
  public void configurationWithNoClusters() {
    withLocators(List.of());
  }

  @Given("a proxy configuration with clusters {cluster} and {cluster} in one locator")
  public void configurationWithClustersInOneLocator(ClusterSpec first, ClusterSpec second) {
    withLocators(List.of(List.of(first.id(), second.id())));
  }

  @Given(
      "a proxy configuration with cluster {cluster} in the first locator and cluster {cluster} in"
          + " the second")
  public void configurationWithClustersInTwoLocators(ClusterSpec first, ClusterSpec second) {
    withLocators(List.of(List.of(first.id()), List.of(second.id())));
  }

  @Given("the configuration rejects duplicate names")
  public void configurationRejectsDuplicateNames() {
    duplicateNames = "reject";
  }

  @Given("the proxy is started on that configuration")
  public void proxyIsStartedOnThatConfiguration() {
    started = world.harness().startScenarioProxy(effectiveConfig(), world.proxyStarter());
    world.replaceTarget(started);
  }

  @Then("starting the proxy fails with a message containing {string}")
  public void startingTheProxyFailsWith(String text) {
    assertThat(world.harness().startupFailure(effectiveConfig(), world.proxyStarter()))
        .as("why the proxy refused to start")
        .contains(text);
  }

  @Then("the startup warnings contain {string}")
  public void startupWarningsContain(String text) {
    assertThat(startedProxy().startupWarnings())
        .as("startup warnings of %s", startedProxy().description())
        .anyMatch(warning -> warning.contains(text));
  }

  @Then("the startup warnings name the URLs of {cluster} and {cluster}")
  public void startupWarningsNameUrls(ClusterSpec first, ClusterSpec second) {
    String firstUrl = url(first);
    String secondUrl = url(second);
    assertThat(startedProxy().startupWarnings())
        .as("startup warnings naming %s and %s", firstUrl, secondUrl)
        .anyMatch(warning -> warning.contains(firstUrl) && warning.contains(secondUrl));
  }

  private void withLocators(List<List<String>> clusterIdsPerLocator) {
    appConfig = world.harness().standardAppConfig().withLocators(clusterIdsPerLocator);
  }

  /** The configuration with the bundled proxy section, changed where the scenario said so. */
  private BackstageAppConfig effectiveConfig() {
    if (appConfig == null) {
      throw new IllegalStateException("no proxy configuration was given before starting a proxy");
    }
    ProxySection base = world.harness().bundledProxySection();
    return appConfig.withProxySection(
        new ProxySection(
            base.host(),
            base.port(),
            base.mountPath(),
            base.profile(),
            duplicateNames != null ? duplicateNames : base.duplicateNames(),
            base.connectionIdleTimeoutMs(),
            base.accessLogPath()));
  }

  private ProxyTarget startedProxy() {
    if (started == null) {
      throw new IllegalStateException(
          "no proxy was started: use 'the proxy is started on that configuration'");
    }
    return started;
  }

  private String url(ClusterSpec cluster) {
    return world.topology().url(cluster.id()).toString();
  }
}
