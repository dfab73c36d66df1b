package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.negativecontrols.BrokenProxyHook;
import io.github.k8sproxyconformance.steps.suite.SuiteScenario;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs chosen scenarios of the suite through the Cucumber engine against one broken proxy, in this
 * JVM, and reports how each one ended.
 *
 * <p>The JUnit Platform launcher is the same entry point Failsafe uses, so the scenarios run with
 * the suite's own glue, hooks and settings; only {@link BrokenProxyHook} is added to the glue.
 */
final class ScenarioRun {

  /** How a scenario ended against a broken proxy. */
  enum Outcome {
    KILLED,
    SURVIVED,
    NOT_RUN
  }

  private static final String GLUE =
      "io.github.k8sproxyconformance.steps,io.github.k8sproxyconformance.negativecontrols";

  private ScenarioRun() {}

  /**
   * Runs the scenarios against the broken proxy.
   *
   * @param reportFile where Cucumber writes its JUnit XML of the run, the evidence of each kill
   * @return the outcome of every scenario, by id
   */
  static Map<String, Outcome> run(String proxy, List<SuiteScenario> scenarios, String reportFile) {
    Map<String, String> idsByPlace = new HashMap<>();
    scenarios.forEach(s -> idsByPlace.put(place(s.classpathResource(), s.line()), s.id()));
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(
                scenarios.stream()
                    .map(
                        s ->
                            DiscoverySelectors.selectClasspathResource(
                                s.classpathResource(),
                                org.junit.platform.engine.discovery.FilePosition.from(s.line())))
                    .toList())
            .filters(EngineFilter.includeEngines("cucumber"))
            .configurationParameter("cucumber.glue", GLUE)
            .configurationParameter("cucumber.plugin", "junit:" + reportFile)
            .build();
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    scenarios.forEach(s -> outcomes.put(s.id(), Outcome.NOT_RUN));
    TestExecutionListener listener =
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest()) {
              return;
            }
            placeOf(test).map(idsByPlace::get).ifPresent(id -> outcomes.put(id, outcome(result)));
          }
        };
    String previous = System.setProperty(BrokenProxyHook.PROPERTY, proxy);
    try {
      LauncherFactory.create().execute(request, listener);
    } finally {
      if (previous == null) {
        System.clearProperty(BrokenProxyHook.PROPERTY);
      } else {
        System.setProperty(BrokenProxyHook.PROPERTY, previous);
      }
    }
    return outcomes;
  }

  private static Outcome outcome(TestExecutionResult result) {
    return switch (result.getStatus()) {
      case FAILED -> Outcome.KILLED;
      case SUCCESSFUL -> Outcome.SURVIVED;
      case ABORTED -> Outcome.NOT_RUN;
    };
  }

  private static Optional<String> placeOf(TestIdentifier test) {
    return test.getSource()
        .filter(ClasspathResourceSource.class::isInstance)
        .map(ClasspathResourceSource.class::cast)
        .flatMap(
            source ->
                source
                    .getPosition()
                    .map(p -> place(source.getClasspathResourceName(), p.getLine())));
  }

  private static String place(String resource, int line) {
    return resource + ":" + line;
  }
}
