package io.github.k8sproxyconformance.steps.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbered clauses of {@code docs/contract-clauses.md}, read from the file itself.
 *
 * <p>The document is where clauses are numbered and where a reader looks one up; reading the
 * numbers from it (rather than from a second list) means a {@code @clause-<n>} tag can only name a
 * clause the document has, and a clause added there is at once one the coverage check asks about.
 *
 * @param file the document read
 * @param texts each clause's text by number, ascending
 */
public record ContractClauses(Path file, Map<Integer, String> texts) {

  /** A numbered list item at the start of a line: {@code 12. (0.10.0+) Only ...}. */
  private static final Pattern ITEM = Pattern.compile("^(\\d+)\\. (.+)$");

  private static final int SHORT = 90;

  public ContractClauses {
    texts = Collections.unmodifiableMap(new TreeMap<>(texts));
  }

  /** {@code docs/contract-clauses.md} of this repository, seen from the steps module. */
  public static Path defaultFile() {
    return Path.of(System.getProperty("basedir", "."))
        .toAbsolutePath()
        .resolve("../docs/contract-clauses.md")
        .normalize();
  }

  /** The clauses of this repository's document. */
  public static ContractClauses read() {
    return read(defaultFile());
  }

  /**
   * Reads every numbered list item of the document as a clause.
   *
   * @throws IllegalStateException when a number occurs twice or the file has no numbered items
   */
  public static ContractClauses read(Path file) {
    Map<Integer, String> texts = new TreeMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        Matcher item = ITEM.matcher(line);
        if (item.matches()
            && texts.putIfAbsent(Integer.valueOf(item.group(1)), item.group(2)) != null) {
          throw new IllegalStateException(
              file + ": clause " + item.group(1) + " is numbered twice");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the contract clauses in " + file, e);
    }
    if (texts.isEmpty()) {
      throw new IllegalStateException("no numbered clauses found in " + file);
    }
    return new ContractClauses(file, texts);
  }

  /** The clause numbers, ascending. */
  public Set<Integer> numbers() {
    return texts.keySet();
  }

  /** Whether the document has a clause of that number. */
  public boolean has(int clause) {
    return texts.containsKey(clause);
  }

  /**
   * The clause and the start of its text, for messages: {@code clause 24 ("(0.21.7+) With ...")}.
   */
  public String describe(int clause) {
    String text = texts.getOrDefault(clause, "");
    String shortened = text.length() <= SHORT ? text : text.substring(0, SHORT) + "...";
    return "clause " + clause + " (\"" + shortened + "\")";
  }

  /** The range of numbers, for messages: {@code 1 to 55}. */
  public String range() {
    int first = texts.keySet().stream().min(Integer::compare).orElseThrow();
    int last = texts.keySet().stream().max(Integer::compare).orElseThrow();
    return first + " to " + last;
  }
}
