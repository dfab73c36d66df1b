package io.github.k8sproxyconformance.steps.suite;

import java.util.List;
import java.util.Optional;

/**
 * One runnable scenario of the suite (one example row of an outline counts as one), as the checks
 * of the suite itself see it.
 *
 * @param id the feature file stem, a slash and the scenario name with example values filled in: the
 *     id the conformance report uses
 * @param featurePath the feature file relative to the features folder, e.g. {@code
 *     tls/cluster-tls.feature}
 * @param line the line of the scenario, or of its example row for an outline
 * @param tags the effective tags, inherited from the feature, rule and examples, sorted
 * @param stepCount the steps run, background steps included
 * @param catches the text of the {@code # catches:} comment above the scenario, if any
 */
public record SuiteScenario(
    String id,
    String featurePath,
    int line,
    List<String> tags,
    int stepCount,
    Optional<String> catches) {

  /** The class path resource the Cucumber engine runs this scenario from. */
  public String classpathResource() {
    return SuiteFeatures.CLASSPATH_ROOT + featurePath;
  }

  /** True when the scenario carries the tag (written with its {@code @}). */
  public boolean tagged(String tag) {
    return tags.contains(tag);
  }
}
