package io.github.k8sproxyconformance.steps.suite;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Comment;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleTag;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.TableRow;
import io.cucumber.messages.types.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads every feature file of the features module with Cucumber's own Gherkin parser and lists its
 * scenarios as {@link SuiteScenario}s.
 *
 * <p>The pickles the parser compiles are exactly what Cucumber runs (outline rows expanded, tags
 * inherited, background steps prepended), so the lint, the inventory and the negative controls all
 * see the suite the way a run does. The files are read from the source folder, not the class path,
 * so a message can name the file a writer edits.
 */
public final class SuiteFeatures {

  /** Where the features module packages the feature files on the class path. */
  public static final String CLASSPATH_ROOT = "k8sproxyconformance/features/";

  private static final String CATCHES = "# catches:";

  private SuiteFeatures() {}

  /** The features folder of this repository, seen from the steps module's base directory. */
  public static Path featuresDir() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../features");
  }

  /** The features module's README, which holds the tag registry. */
  public static Path readme() {
    return featuresDir().resolve("README.md");
  }

  /** Every scenario of every feature file, sorted by id. */
  public static List<SuiteScenario> all() {
    Path root = featuresDir();
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> features =
          files
              .filter(file -> file.toString().endsWith(".feature"))
              .filter(file -> !root.relativize(file).startsWith("target"))
              .sorted()
              .toList();
      List<SuiteScenario> scenarios = new ArrayList<>();
      for (Path feature : features) {
        scenarios.addAll(read(root, feature));
      }
      scenarios.sort(Comparator.comparing(SuiteScenario::id));
      return scenarios;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the feature files under " + root, e);
    }
  }

  private static List<SuiteScenario> read(Path root, Path file) throws IOException {
    String relative = root.relativize(file).toString().replace('\\', '/');
    String stem = file.getFileName().toString().replaceFirst("\\.feature$", "");
    List<Envelope> envelopes =
        GherkinParser.builder().includeSource(false).build().parse(file).toList();
    envelopes.stream()
        .flatMap(envelope -> envelope.getParseError().stream())
        .findFirst()
        .ifPresent(
            error -> {
              throw new IllegalStateException(relative + ": " + error.getMessage());
            });
    GherkinDocument document =
        envelopes.stream().flatMap(e -> e.getGherkinDocument().stream()).findFirst().orElseThrow();
    Map<String, Integer> lines = new HashMap<>();
    Map<String, Integer> blockStarts = new HashMap<>();
    document.getFeature().ifPresent(feature -> index(feature.getChildren(), lines, blockStarts));
    List<Comment> comments = document.getComments();
    List<SuiteScenario> scenarios = new ArrayList<>();
    for (Pickle pickle : envelopes.stream().flatMap(e -> e.getPickle().stream()).toList()) {
      String scenarioNode = pickle.getAstNodeIds().get(0);
      String lineNode = pickle.getAstNodeIds().get(pickle.getAstNodeIds().size() - 1);
      scenarios.add(
          new SuiteScenario(
              stem + "/" + pickle.getName(),
              relative,
              lines.get(lineNode),
              pickle.getTags().stream().map(PickleTag::getName).distinct().sorted().toList(),
              pickle.getSteps().size(),
              catches(comments, blockStarts.get(scenarioNode))));
    }
    return scenarios;
  }

  /** Records the line of every scenario and example row, and where each scenario's block starts. */
  private static void index(
      List<FeatureChild> children, Map<String, Integer> lines, Map<String, Integer> blockStarts) {
    for (FeatureChild child : children) {
      child.getScenario().ifPresent(scenario -> indexScenario(scenario, lines, blockStarts));
      child
          .getRule()
          .ifPresent(
              rule -> {
                for (RuleChild ruleChild : rule.getChildren()) {
                  ruleChild
                      .getScenario()
                      .ifPresent(scenario -> indexScenario(scenario, lines, blockStarts));
                }
              });
    }
  }

  private static void indexScenario(
      Scenario scenario, Map<String, Integer> lines, Map<String, Integer> blockStarts) {
    int line = scenario.getLocation().getLine().intValue();
    lines.put(scenario.getId(), line);
    int start =
        scenario.getTags().stream()
            .map(Tag::getLocation)
            .mapToInt(location -> location.getLine().intValue())
            .min()
            .orElse(line);
    blockStarts.put(scenario.getId(), Math.min(start, line));
    for (Examples examples : scenario.getExamples()) {
      for (TableRow row : examples.getTableBody()) {
        lines.put(row.getId(), row.getLocation().getLine().intValue());
      }
    }
  }

  /** The {@code # catches:} comment in the comment lines right above the scenario's block. */
  private static Optional<String> catches(List<Comment> comments, int blockStart) {
    Map<Integer, String> byLine = new HashMap<>();
    comments.forEach(c -> byLine.put(c.getLocation().getLine().intValue(), c.getText().trim()));
    for (int line = blockStart - 1; byLine.containsKey(line); line--) {
      String text = byLine.get(line);
      if (text.startsWith(CATCHES)) {
        return Optional.of(text.substring(CATCHES.length()).trim());
      }
    }
    return Optional.empty();
  }
}
