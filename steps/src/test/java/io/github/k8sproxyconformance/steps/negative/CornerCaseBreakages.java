package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog.Recipe;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Broken proxies that keep a rule in the common case and break it only in a corner: a cluster name
 * that is a prefix of another, an escape of an unreserved character, a cluster without credentials
 * of its own, a stream that runs longer than a fixed timeout, a header of the other profile.
 *
 * <p>Each is a proxy someone could plausibly ship, and each passed the suite before a scenario for
 * its corner was written; together they keep those scenarios honest.
 */
final class CornerCaseBreakages {

  private static final String CARRIED = "X-Carried-";
  private static final List<String> CALLER_CREDENTIALS = List.of("Authorization", "Cookie");
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  private CornerCaseBreakages() {}

  /** Every recipe of this class, in the order of the catalog's matrix. */
  static List<Recipe> all() {
    return List.of(
        new Recipe(
            "selects-by-name-prefix",
            "front relay: a header value that begins a cluster name selects that cluster",
            k ->
                k.front(
                    h -> looselySelected(h, k, (value, name) -> name.startsWith(value)), pass())),
        new Recipe(
            "selects-by-contained-name",
            "front relay: a header value containing a cluster name selects that cluster",
            k -> k.front(h -> looselySelected(h, k, String::contains), pass())),
        new Recipe(
            "decodes-unreserved-escapes",
            "front relay: escapes of unreserved characters in the path decoded (RFC 3986 normalisation)",
            k -> k.front(CornerCaseBreakages::unreservedDecoded, pass())),
        new Recipe(
            "leaks-credentials-to-anonymous-clusters",
            "relays: the caller's Authorization and Cookie reach clusters the proxy sends no credential"
                + " to, as plugins 0.11.2 to 0.21.12 did",
            k ->
                k.around(
                    h -> HeadRewrites.renamed(h, CALLER_CREDENTIALS, CARRIED),
                    CornerCaseBreakages::carriedWhenAnonymous)),
        new Recipe(
            "cuts-streams-after-10-seconds",
            "front relay: every response cut 10 s after it started, even while bytes flow",
            k -> k.front(h -> h, ResponsePass.cutAfter(Duration.ofSeconds(10)))),
        new Recipe(
            "drops-caller-cookie",
            "front relay: the caller's Cookie dropped (right in backstage-current, wrong in 1.9)",
            k -> k.front(h -> h.without("Cookie"), pass())),
        new Recipe(
            "token-header-over-authorization-in-1.9",
            "front relay: Backstage-Kubernetes-Authorization copied over the caller's Authorization",
            k ->
                k.front(
                    h ->
                        h.value("Backstage-Kubernetes-Authorization")
                            .map(token -> h.replaced("Authorization", token))
                            .orElse(h),
                    pass())));
  }

  private static ResponsePass pass() {
    return ResponsePass.unchanged();
  }

  /**
   * The cluster header rewritten to the first cluster name the loose match accepts when the value
   * names no cluster exactly.
   */
  private static HttpHead looselySelected(
      HttpHead head, ProxyKit kit, BiFunction<String, String, Boolean> matches) {
    String header = HeadRewrites.header(kit);
    Optional<String> value = head.value(header);
    if (value.isEmpty() || value.get().isEmpty()) {
      return head;
    }
    List<String> names =
        kit.harness().topology().specs().stream().map(ClusterSpec::name).distinct().toList();
    if (names.contains(value.get())) {
      return head;
    }
    return names.stream()
        .filter(name -> matches.apply(value.get(), name))
        .findFirst()
        .map(name -> head.replaced(header, name))
        .orElse(head);
  }

  /** {@code %61} becomes {@code a}; escapes of any other byte are kept. */
  private static HttpHead unreservedDecoded(HttpHead head) {
    String target = head.target();
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    StringBuilder normalised = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char decoded = escapedAt(path, i);
      if (decoded != 0 && UNRESERVED.indexOf(decoded) >= 0) {
        normalised.append(decoded);
        i += 2;
      } else {
        normalised.append(path.charAt(i));
      }
    }
    return head.withTarget(normalised + (query < 0 ? "" : target.substring(query)));
  }

  /** The character a well-formed escape at {@code i} stands for, or 0. */
  private static char escapedAt(String path, int i) {
    if (path.charAt(i) != '%' || i + 2 >= path.length()) {
      return 0;
    }
    try {
      return (char) HexFormat.fromHexDigits(path, i + 1, i + 3);
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }

  /**
   * The carried credentials restored when the reference proxy sent the cluster no credential, and
   * removed otherwise.
   */
  private static HttpHead carriedWhenAnonymous(HttpHead head) {
    if (head.value("Authorization").isPresent()) {
      return head.mapFields(f -> f.startsWith(CARRIED) ? null : f);
    }
    return HeadRewrites.unrenamed(head, CARRIED);
  }
}
