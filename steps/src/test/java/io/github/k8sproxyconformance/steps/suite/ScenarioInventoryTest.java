package io.github.k8sproxyconformance.steps.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioInventoryTest {

  private static final Path FILE =
      Path.of(System.getProperty("basedir", "."))
          .toAbsolutePath()
          .resolve("src/test/resources/scenario-inventory.txt");

  @Test
  void theCheckedInInventoryListsEveryScenarioWithItsTags() throws IOException {
    List<String> actual = ScenarioInventory.lines(SuiteFeatures.all());
    if (Boolean.getBoolean("inventory.update")) {
      Files.write(FILE, actual, StandardCharsets.UTF_8);
    }
    List<String> expected = Files.exists(FILE) ? Files.readAllLines(FILE) : List.of();

    List<String> added = new ArrayList<>(actual);
    added.removeAll(expected);
    List<String> removed = new ArrayList<>(expected);
    removed.removeAll(actual);
    assertThat(added.isEmpty() && removed.isEmpty())
        .withFailMessage(
            "the scenarios differ from %s%n+ in the features, not in the file:%n  %s%n"
                + "- in the file, not in the features:%n  %s%n"
                + "If the change is intended, regenerate the file and commit it:%n  %s",
            FILE,
            added.isEmpty() ? "(none)" : String.join("\n  ", added),
            removed.isEmpty() ? "(none)" : String.join("\n  ", removed),
            ScenarioInventory.REGENERATE)
        .isTrue();
    assertThat(expected).as("order of %s", FILE).isEqualTo(actual);
  }

  @Test
  void aLineIsTheIdAndTheSortedTags() {
    SuiteScenario scenario =
        new SuiteScenario(
            "tls/x",
            "tls/x.feature",
            1,
            List.of("@core", "@issue-1"),
            3,
            java.util.Optional.empty());

    assertThat(ScenarioInventory.lines(List.of(scenario))).containsExactly("tls/x\t@core @issue-1");
  }
}
