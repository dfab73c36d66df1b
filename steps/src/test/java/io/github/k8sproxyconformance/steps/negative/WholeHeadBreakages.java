package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog.Recipe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The broken proxies the whole-head scenarios catch: each changes one header in a way no scenario
 * names it, which only a comparison of whole heads can see.
 *
 * <p>Each is a front relay over the reference proxy, so everything else is what a correct proxy
 * does. Request headers are changed before the reference proxy, which forwards them as it got them;
 * response headers after it.
 */
final class WholeHeadBreakages {

  /** Headers whose values select or authenticate: rewriting them would fail for another reason. */
  private static final List<String> KEPT_VALUES =
      List.of(
          "Host",
          "Backstage-Kubernetes-Cluster",
          "X-Kubernetes-Cluster",
          "Backstage-Kubernetes-Authorization",
          "Authorization",
          "Cookie",
          "Connection",
          "Content-Length",
          "Transfer-Encoding");

  private WholeHeadBreakages() {}

  static List<Recipe> all() {
    return List.of(
        new Recipe(
            "adds-user-agent",
            "front relay: a User-Agent of its own on requests that have none",
            k ->
                k.front(
                    h -> h.value("User-Agent").isPresent() ? h : h.with("User-Agent", "broken/1.0"),
                    ResponsePass.unchanged())),
        new Recipe(
            "drops-underscored-headers",
            "front relay: request headers with an underscore in the name dropped, as nginx does",
            k ->
                k.front(
                    h -> h.mapFields(f -> HttpHead.nameOf(f).contains("_") ? null : f),
                    ResponsePass.unchanged())),
        new Recipe(
            "reorders-repeated-request-headers",
            "front relay: the lines of a repeated request header in reverse order",
            k -> k.front(WholeHeadBreakages::repeatedReversed, ResponsePass.unchanged())),
        new Recipe(
            "lowercases-request-header-values",
            "front relay: request header values in lower case, except selection and credentials",
            k ->
                k.front(
                    h ->
                        h.mapFields(
                            f ->
                                KEPT_VALUES.stream().anyMatch(n -> HttpHead.named(f, n))
                                    ? f
                                    : HttpHead.nameOf(f)
                                        + ": "
                                        + HttpHead.valueOf(f).toLowerCase(Locale.ROOT)),
                    ResponsePass.unchanged())),
        new Recipe(
            "drops-warning",
            "front relay: Warning removed from responses",
            k -> k.front(h -> h, ResponsePass.headRewritten(h -> h.without("Warning")))),
        new Recipe(
            "adds-response-header",
            "front relay: X-Content-Type-Options: nosniff added to responses, as helmet does",
            k ->
                k.front(
                    h -> h,
                    ResponsePass.headRewritten(h -> h.with("X-Content-Type-Options", "nosniff")))),
        new Recipe(
            "reorders-repeated-response-headers",
            "front relay: the lines of a repeated response header in reverse order",
            k ->
                k.front(h -> h, ResponsePass.headRewritten(WholeHeadBreakages::repeatedReversed))));
  }

  /**
   * The head with the lines of each repeated name in reverse order; the lines of one name are
   * grouped where the name first appeared, which HTTP allows, so only the reversal is a change.
   */
  static HttpHead repeatedReversed(HttpHead head) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (String field : head.fields()) {
      byName
          .computeIfAbsent(HttpHead.nameOf(field).toLowerCase(Locale.ROOT), n -> new ArrayList<>())
          .add(field);
    }
    List<String> fields = new ArrayList<>();
    for (List<String> lines : byName.values()) {
      List<String> reversed = new ArrayList<>(lines);
      Collections.reverse(reversed);
      fields.addAll(reversed);
    }
    return new HttpHead(head.startLine(), fields);
  }
}
