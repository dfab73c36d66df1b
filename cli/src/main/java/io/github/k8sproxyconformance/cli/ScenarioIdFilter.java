package io.github.k8sproxyconformance.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the scenarios named by {@code --scenario}, by the id report.yaml gives them: the feature
 * file name without extension, a slash, the scenario name. So a failure can be rerun by copying its
 * id, and an id that names nothing is reported rather than running nothing in silence.
 */
final class ScenarioIdFilter implements PostDiscoveryFilter {

  private final Set<String> wanted;
  private final Set<String> seen = new LinkedHashSet<>();

  ScenarioIdFilter(List<String> ids) {
    this.wanted = new LinkedHashSet<>(ids);
  }

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    if (!descriptor.isTest()) {
      return FilterResult.included("a container is kept while it holds a kept scenario");
    }
    String id = idOf(descriptor);
    if (wanted.contains(id)) {
      seen.add(id);
      return FilterResult.included("selected by --scenario");
    }
    return FilterResult.excluded("not selected by --scenario");
  }

  /** The ids given that matched no scenario, in the order given. */
  List<String> unmatched() {
    return wanted.stream().filter(id -> !seen.contains(id)).toList();
  }

  private static String idOf(TestDescriptor descriptor) {
    String resource =
        descriptor
            .getSource()
            .filter(ClasspathResourceSource.class::isInstance)
            .map(source -> ((ClasspathResourceSource) source).getClasspathResourceName())
            .orElse("");
    String file = resource.substring(resource.lastIndexOf('/') + 1);
    String stem = file.endsWith(".feature") ? file.substring(0, file.length() - 8) : file;
    return stem + "/" + descriptor.getDisplayName();
  }
}
