package io.github.k8sproxyconformance.steps.heads;

import io.github.k8sproxyconformance.testkit.http.HeaderField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares the header fields a sender wrote with those that arrived through a proxy, as two general
 * rules rather than header by header: every end-to-end field sent arrives unchanged and in order
 * ({@link #forwarded}), and no field arrives that was not sent ({@link #added}).
 *
 * <p>Checking named headers one at a time lets a proxy pass that adds, drops or rewrites a header
 * nobody thought of. Here only hop-by-hop headers (RFC 9110, section 7.6.1: {@code Connection}, the
 * fields it names, {@code Keep-Alive}, {@code TE}, {@code Trailer}, {@code Transfer-Encoding},
 * {@code Upgrade}, {@code Proxy-Connection}, {@code Proxy-Authenticate}, {@code
 * Proxy-Authorization}), framing ({@code Content-Length}) and what the {@link Allowances} name may
 * differ. Names are compared case-insensitively, as HTTP does; values exactly; order only among the
 * lines of one name, the order that carries meaning.
 *
 * <p>Several lines of one name and the single line that joins their values with {@code ", "} are
 * the same field (RFC 9110, section 5.3): a proxy may combine them, as Node does, and is not judged
 * for it. {@code Set-Cookie} is the exception the RFC names: its lines must stay apart.
 */
public final class HeadComparison {

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization");

  /** Framing may change between legs (Content-Length or chunked); the body is checked apart. */
  private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding");

  private HeadComparison() {}

  /**
   * The end-to-end fields of a head, in order: without hop-by-hop fields, the fields its {@code
   * Connection} names, and framing.
   */
  public static List<HeaderField> endToEnd(List<HeaderField> fields) {
    Set<String> hop = new HashSet<>(HOP_BY_HOP);
    hop.addAll(FRAMING);
    for (HeaderField field : fields) {
      if (field.name().equalsIgnoreCase("Connection")) {
        for (String option : field.value().split(",")) {
          hop.add(option.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    return fields.stream().filter(f -> !hop.contains(lower(f.name()))).toList();
  }

  /**
   * Every end-to-end header name the sender wrote whose values did not arrive unchanged and in
   * order, in the order the sender first wrote each name.
   */
  public static List<HeadDifference> forwarded(
      List<HeaderField> sent, List<HeaderField> received, Allowances allowances) {
    Map<String, List<HeaderField>> arrived = byName(endToEnd(received));
    List<HeadDifference> differences = new ArrayList<>();
    for (Map.Entry<String, List<HeaderField>> entry : byName(endToEnd(sent)).entrySet()) {
      String name = entry.getValue().get(0).name();
      if (allowances.notJudged().contains(name)) {
        continue;
      }
      List<String> sentValues = values(entry.getValue());
      List<String> receivedValues = values(arrived.getOrDefault(entry.getKey(), List.of()));
      if (sentValues.equals(receivedValues)
          || sameFieldCombined(name, sentValues, receivedValues)) {
        continue;
      }
      if (receivedValues.isEmpty()) {
        if (!allowances.mayBeConsumed().contains(name)) {
          differences.add(difference(HeadDifference.Kind.DROPPED, name, sentValues, List.of()));
        }
      } else if (sameValuesInAnotherOrder(sentValues, receivedValues)) {
        differences.add(
            difference(HeadDifference.Kind.REORDERED, name, sentValues, receivedValues));
      } else {
        differences.add(difference(HeadDifference.Kind.CHANGED, name, sentValues, receivedValues));
      }
    }
    return differences;
  }

  /**
   * Every end-to-end header name that arrived although the sender never wrote it, in the order it
   * first arrived.
   */
  public static List<HeadDifference> added(
      List<HeaderField> sent, List<HeaderField> received, Allowances allowances) {
    Set<String> sentNames = byName(sent).keySet();
    List<HeadDifference> differences = new ArrayList<>();
    for (Map.Entry<String, List<HeaderField>> entry : byName(endToEnd(received)).entrySet()) {
      String name = entry.getValue().get(0).name();
      if (sentNames.contains(entry.getKey())
          || allowances.notJudged().contains(name)
          || allowances.mayBeAdded().contains(name)) {
        continue;
      }
      differences.add(
          difference(HeadDifference.Kind.ADDED, name, List.of(), values(entry.getValue())));
    }
    return differences;
  }

  private static HeadDifference difference(
      HeadDifference.Kind kind, String name, List<String> sent, List<String> received) {
    return new HeadDifference(kind, name, sent, received);
  }

  /** Whether the two line lists are one field value once combined (never for Set-Cookie). */
  private static boolean sameFieldCombined(String name, List<String> sent, List<String> received) {
    return !name.equalsIgnoreCase("Set-Cookie")
        && String.join(", ", sent).equals(String.join(", ", received));
  }

  private static boolean sameValuesInAnotherOrder(List<String> sent, List<String> received) {
    List<String> a = new ArrayList<>(sent);
    List<String> b = new ArrayList<>(received);
    a.sort(null);
    b.sort(null);
    return a.equals(b);
  }

  /** Fields grouped by lower-case name, names in order of first appearance, lines in order. */
  private static Map<String, List<HeaderField>> byName(List<HeaderField> fields) {
    Map<String, List<HeaderField>> grouped = new LinkedHashMap<>();
    for (HeaderField field : fields) {
      grouped.computeIfAbsent(lower(field.name()), k -> new ArrayList<>()).add(field);
    }
    return grouped;
  }

  private static List<String> values(List<HeaderField> fields) {
    return fields.stream().map(HeaderField::value).toList();
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
