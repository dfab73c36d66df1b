package io.github.k8sproxyconformance.steps.hooks;

import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.report.ScenarioNotChecked;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Decides from a scenario's tags whether this run can check it at all, and why not.
 *
 * <p>The answer carries the outcome the report counts: skipped when the scenario belongs to the
 * other profile (the implementation is not at fault), unsupported when this target or environment
 * cannot run it. Deciding before any step runs keeps such scenarios from showing up as failures.
 */
public final class SkipRules {

  private static final String PROFILE_TAG = "@profile-";

  private SkipRules() {}

  /**
   * Why the scenario cannot run in this configuration, as the abort to throw, or empty when it can.
   *
   * @param tags the scenario's tags with their {@code @}, including inherited ones
   */
  public static Optional<ScenarioNotChecked> reasonToSkip(
      Collection<String> tags, HarnessConfig config) {
    List<String> profiles =
        tags.stream()
            .filter(tag -> tag.startsWith(PROFILE_TAG))
            .map(tag -> tag.substring(PROFILE_TAG.length()))
            .toList();
    if (!profiles.isEmpty() && !profiles.contains(config.profile().id())) {
      return Optional.of(
          ScenarioNotChecked.otherProfile("profile " + String.join(", ", profiles) + " only"));
    }
    if (tags.contains("@reconfigures-proxy") && !config.bundled()) {
      return Optional.of(
          ScenarioNotChecked.unsupported("reconfigures-proxy needs the bundled proxy"));
    }
    if (tags.contains("@reads-proxy-log") && !config.bundled()) {
      return Optional.of(ScenarioNotChecked.unsupported("reads-proxy-log needs the bundled proxy"));
    }
    if (tags.contains("@kube-api") && config.kube().equals("off")) {
      return Optional.of(ScenarioNotChecked.unsupported("conformance.kube=off"));
    }
    return Optional.empty();
  }
}
