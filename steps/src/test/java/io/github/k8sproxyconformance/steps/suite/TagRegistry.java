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
 * of keeping a second list that could drift from it. A row whose tag holds the placeholder {@code
 * <n>}, such as {@code @clause-<n>}, registers a whole numbered family in one line: any positive
 * number without leading zeros stands for it.
 *
 * @param families every registered tag or tag pattern (with its {@code @}) and its family: level,
 *     profile, needs, provenance, clause or forbidden
 */
public record TagRegistry(Map<String, String> families) {

  /** The placeholder for a number in a family row. */
  public static final String NUMBER = "<n>";

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

  /** True when the tag has a row in the registry, or matches a numbered family row. */
  public boolean registered(String tag) {
    return families.containsKey(tag)
        || families.keySet().stream()
            .filter(row -> row.contains(NUMBER))
            .anyMatch(row -> numbered(row).matcher(tag).matches());
  }

  private static Pattern numbered(String row) {
    int at = row.indexOf(NUMBER);
    return Pattern.compile(
        Pattern.quote(row.substring(0, at))
            + "[1-9][0-9]*"
            + Pattern.quote(row.substring(at + NUMBER.length())));
  }
}
