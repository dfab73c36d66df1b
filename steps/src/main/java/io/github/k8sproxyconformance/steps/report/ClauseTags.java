package io.github.k8sproxyconformance.steps.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code @clause-<n>} tags: which numbered clause of {@code docs/contract-clauses.md} a
 * scenario checks.
 *
 * <p>The report groups results by clause and the suite's own tests check the tags against the
 * clause list, so both read a tag the same way here: a number without leading zeros after the
 * prefix.
 */
public final class ClauseTags {

  /** What every clause tag starts with. */
  public static final String PREFIX = "@clause-";

  private static final Pattern TAG = Pattern.compile(Pattern.quote(PREFIX) + "([1-9][0-9]{0,5})");

  private ClauseTags() {}

  /** The clause number of a clause tag, or empty for any other tag. */
  public static Optional<Integer> number(String tag) {
    Matcher matcher = TAG.matcher(tag);
    return matcher.matches() ? Optional.of(Integer.valueOf(matcher.group(1))) : Optional.empty();
  }

  /** The clause numbers among the tags, ascending, each once. */
  public static List<Integer> numbers(List<String> tags) {
    return tags.stream().flatMap(tag -> number(tag).stream()).distinct().sorted().toList();
  }

  /**
   * The items tagged with each clause, by clause number ascending, each list in the items' order;
   * an item tagged with several clauses is in each of their lists.
   */
  public static <T> SortedMap<Integer, List<T>> byClause(
      List<T> items, Function<T, List<String>> tagsOf) {
    SortedMap<Integer, List<T>> byClause = new TreeMap<>();
    for (T item : items) {
      for (int clause : numbers(tagsOf.apply(item))) {
        byClause.computeIfAbsent(clause, c -> new ArrayList<>()).add(item);
      }
    }
    return byClause;
  }

  /** The tag of a clause, e.g. {@code @clause-11}. */
  public static String tag(int clause) {
    return PREFIX + clause;
  }
}
