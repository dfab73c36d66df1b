package io.github.k8sproxyconformance.steps.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tag registry of the features README, read from its table.
 *
 * <p>The README is where writers look a tag up, so the lint reads the registry from there instead
 * of keeping a second list that could drift from it.
 *
 * @param families every registered tag (with its {@code @}) and its family: level, profile, needs,
 *     provenance or forbidden
 */
public record TagRegistry(Map<String, String> families) {

  private static final Pattern ROW =
      Pattern.compile("^\\|\\s*`(@[^`]+)`\\s*\\|\\s*([a-z]+)\\s*\\|");

  /** Reads the table rows of the form {@code | `@tag` | family | meaning |}. */
  public static TagRegistry read(Path readme) {
    Map<String, String> families = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(readme)) {
        Matcher row = ROW.matcher(line);
        if (row.find()) {
          families.put(row.group(1), row.group(2));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tag registry in " + readme, e);
    }
    if (families.isEmpty()) {
      throw new IllegalStateException("no tag registry table found in " + readme);
    }
    return new TagRegistry(Map.copyOf(families));
  }

  /** The tags of the family, e.g. {@code level}. */
  public Set<String> family(String family) {
    return families.entrySet().stream()
        .filter(entry -> entry.getValue().equals(family))
        .map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** True when the tag has a row in the registry. */
  public boolean registered(String tag) {
    return families.containsKey(tag);
  }
}
