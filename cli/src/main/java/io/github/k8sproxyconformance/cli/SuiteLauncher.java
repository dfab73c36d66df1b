package io.github.k8sproxyconformance.cli;

import io.github.k8sproxyconformance.steps.report.SummaryPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the features through the Cucumber engine on the JUnit Platform, in this JVM, as {@code
 * ConformanceIT} does under Failsafe: the same glue, features and {@code cucumber.*} settings as
 * {@code steps/src/test/resources/junit-platform.properties}, with the reports in the run's folder.
 */
final class SuiteLauncher {

  /** The package the features ship under, on the classpath. */
  static final String FEATURES = "k8sproxyconformance.features";

  static final String GLUE = "io.github.k8sproxyconformance.steps";

  /**
   * How the launch went, before the verdict.
   *
   * @param scenariosRun how many scenarios were selected and run
   * @param unknownScenarios {@code --scenario} ids that name no scenario; nothing ran when any
   */
  record Outcome(long scenariosRun, List<String> unknownScenarios) {}

  private final Path runDir;
  private final Optional<String> tags;
  private final List<String> scenarioIds;

  SuiteLauncher(Path runDir, Optional<String> tags, List<String> scenarioIds) {
    this.runDir = runDir;
    this.tags = tags;
    this.scenarioIds = List.copyOf(scenarioIds);
  }

  /** Discovers the selected scenarios, and runs them unless an id names none. */
  Outcome run() {
    ScenarioIdFilter filter = new ScenarioIdFilter(scenarioIds);
    LauncherDiscoveryRequestBuilder builder =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectPackage(FEATURES))
            .filters(EngineFilter.includeEngines("cucumber"))
            .configurationParameters(settings());
    if (!scenarioIds.isEmpty()) {
      builder.filters(filter);
    }
    LauncherDiscoveryRequest request = builder.build();
    Launcher launcher = LauncherFactory.create();
    TestPlan plan = launcher.discover(request);
    List<String> unknown = new ArrayList<>(filter.unmatched());
    long tests = plan.countTestIdentifiers(test -> test.isTest());
    if (!unknown.isEmpty() || tests == 0) {
      return new Outcome(0, unknown);
    }
    launcher.execute(plan);
    return new Outcome(tests, List.of());
  }

  /** The {@code cucumber.*} settings of the suite, with this run's report files. */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("cucumber.glue", GLUE);
    settings.put("cucumber.object-factory", "io.cucumber.picocontainer.PicoFactory");
    settings.put(
        "cucumber.plugin",
        String.join(
            ",",
            SummaryPlugin.class.getName(),
            "html:" + runDir.resolve("cucumber.html"),
            "junit:" + runDir.resolve("junit.xml"),
            "message:" + runDir.resolve("messages.ndjson")));
    settings.put("cucumber.publish.quiet", "true");
    // short names are the scenario names, which the --scenario filter compares with
    settings.put("cucumber.junit-platform.naming-strategy", "short");
    settings.put("cucumber.junit-platform.naming-strategy.short.example-name", "pickle");
    settings.put("cucumber.execution.parallel.enabled", "false");
    tags.ifPresent(expression -> settings.put("cucumber.filter.tags", expression));
    return settings;
  }
}
