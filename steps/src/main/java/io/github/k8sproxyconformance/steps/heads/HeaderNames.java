package io.github.k8sproxyconformance.steps.heads;

import java.util.List;
import java.util.Locale;

/**
 * A set of header names, compared case-insensitively; a name ending in {@code *} stands for every
 * name it starts (as {@code Backstage-Kubernetes-Authorization*} stands for the per-provider token
 * headers).
 */
public record HeaderNames(List<String> patterns) {

  /** Keeps the patterns in lower case, so matching needs no further folding. */
  public HeaderNames {
    patterns = patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
  }

  /** The set of these names and patterns. */
  public static HeaderNames of(String... names) {
    return new HeaderNames(List.of(names));
  }

  /** True when {@code name} is one of the names or starts with one of the patterns. */
  public boolean contains(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return patterns.stream()
        .anyMatch(
            p ->
                p.endsWith("*")
                    ? lower.startsWith(p.substring(0, p.length() - 1))
                    : lower.equals(p));
  }
}
