package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.config.Profile;
import io.github.k8sproxyconformance.steps.negative.SocketRelay.Forward;
import io.github.k8sproxyconformance.steps.proxy.Harness;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The request-head rewrites the relays of the broken proxies apply, each the core of one broken
 * behaviour.
 */
final class HeadRewrites {

  private static final String MOUNT = Harness.MOUNT_PATH;
  private static final String TOKEN_HEADER = "Backstage-Kubernetes-Authorization";
  private static final String PROVIDER_PREFIX = TOKEN_HEADER + "-";
  private static final List<String> CLUSTER_HEADERS =
      List.of("Backstage-Kubernetes-Cluster", "X-Kubernetes-Cluster");

  private HeadRewrites() {}

  /** The cluster header of the profile the suite runs in. */
  static String header(ProxyKit kit) {
    return kit.profile().clusterHeader();
  }

  /** Where the profile carries the cluster token. */
  static String tokenHeader(ProxyKit kit) {
    return kit.profile() == Profile.BACKSTAGE_1_9 ? "Authorization" : TOKEN_HEADER;
  }

  /**
   * The name of the first cluster the broken proxy is configured with (alpha in the standard
   * topology, the only one in a one-cluster scenario), or alpha when none is configured.
   */
  static String firstName(ProxyKit kit) {
    return kit.config().clusters().stream().findFirst().map(c -> c.name()).orElse("alpha");
  }

  static HttpHead clusterHeaderless(HttpHead head) {
    HttpHead result = head;
    for (String name : CLUSTER_HEADERS) {
      result = result.without(name);
    }
    return result;
  }

  static boolean isCluster(String field, ProxyKit kit) {
    return HttpHead.named(field, header(kit));
  }

  static String lowerValue(String field) {
    return HttpHead.nameOf(field) + ": " + HttpHead.valueOf(field).toLowerCase(Locale.ROOT);
  }

  static HttpHead lastClusterLine(HttpHead head, String header) {
    List<String> lines = head.fields().stream().filter(f -> HttpHead.named(f, header)).toList();
    return lines.size() < 2 ? head : head.without(header).with(header, lastValue(lines));
  }

  /**
   * {@code /api/kubernetes/proxyfoo/x} treated as if it were {@code /api/kubernetes/proxy/foo/x}.
   */
  static HttpHead lookalikeMounted(HttpHead head) {
    String target = head.target();
    boolean lookalike =
        target.startsWith(MOUNT)
            && target.length() > MOUNT.length()
            && "/?".indexOf(target.charAt(MOUNT.length())) < 0;
    return lookalike ? head.withTarget(MOUNT + "/" + target.substring(MOUNT.length())) : head;
  }

  static HttpHead reencodedQuery(HttpHead head) {
    String target = head.target();
    int query = target.indexOf('?');
    if (query < 0) {
      return head;
    }
    String reencoded = target.substring(query).replace("%3D", "=").replace("+", "%20");
    return head.withTarget(target.substring(0, query) + reencoded);
  }

  /** The path with every percent-escape decoded to its raw byte, as a decoding proxy sends it. */
  static HttpHead decodedPath(HttpHead head) {
    String target = head.target();
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' && i + 2 < path.length()) {
        bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    String decoded = bytes.toString(StandardCharsets.ISO_8859_1);
    return head.withTarget(query < 0 ? decoded : decoded + target.substring(query));
  }

  /** The named fields renamed with a prefix, so the reference proxy does not recognise them. */
  static HttpHead renamed(HttpHead head, List<String> names, String prefix) {
    return head.mapFields(f -> names.stream().anyMatch(n -> HttpHead.named(f, n)) ? prefix + f : f);
  }

  /** Fields carrying the prefix get their original name back. */
  static HttpHead unrenamed(HttpHead head, String prefix) {
    return head.mapFields(f -> f.startsWith(prefix) ? f.substring(prefix.length()) : f);
  }

  /** The Backstage 1.9 cluster header turned into today's. */
  static HttpHead renamedCluster(HttpHead head) {
    return head.mapFields(
        f ->
            HttpHead.named(f, "X-Kubernetes-Cluster")
                ? "Backstage-Kubernetes-Cluster: " + HttpHead.valueOf(f)
                : f);
  }

  static boolean isProvider(String field) {
    return HttpHead.nameOf(field)
        .toLowerCase(Locale.ROOT)
        .startsWith(PROVIDER_PREFIX.toLowerCase(Locale.ROOT));
  }

  static HttpHead providerAsClusterToken(HttpHead head) {
    return head.fields().stream()
        .filter(HeadRewrites::isProvider)
        .findFirst()
        .map(f -> head.replaced(TOKEN_HEADER, "Bearer " + HttpHead.valueOf(f)))
        .orElse(head);
  }

  /** An error envelope that, like a careless proxy's, dumps the cluster configuration. */
  static String tokenEnvelope(ProxyKit kit) {
    String tokens =
        kit.harness().topology().specs().stream()
            .map(ClusterSpec::serviceAccountToken)
            .filter(Objects::nonNull)
            .map(token -> "\"" + token + "\"")
            .collect(Collectors.joining(","));
    return "{\"error\":{\"name\":\"Error\",\"message\":\"request failed\"},\"serviceAccountTokens\":["
        + tokens
        + "]}";
  }

  /**
   * True when the target has a dot segment, raw, percent-encoded or in a disguise (encoded twice,
   * behind a backslash).
   */
  static boolean dotSegments(HttpHead head) {
    String target = head.target().toLowerCase(Locale.ROOT);
    return target.contains("/..")
        || target.contains("%2e")
        || target.contains("%252e")
        || target.contains("\\..")
        || target.contains("%5c..");
  }

  /** The request sent straight to the named cluster's URL, path joined without any check. */
  static Forward direct(ProxyKit kit, HttpHead head) {
    String name = head.value(header(kit)).orElse("");
    ClusterSpec cluster =
        kit.harness().topology().specs().stream()
            .filter(spec -> spec.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no cluster named " + name));
    URI url = kit.harness().topology().url(cluster.id());
    String rest = head.target().substring(Math.min(MOUNT.length(), head.target().length()));
    HttpHead direct =
        head.withTarget(url.getRawPath() + rest)
            .replaced("Host", url.getHost() + ":" + url.getPort());
    return new Forward(new InetSocketAddress(url.getHost(), url.getPort()), direct, true);
  }

  /** X-Forwarded-For extended (or added) and Via added, as a forwarding proxy does. */
  static HttpHead forwardingAdded(HttpHead head) {
    String forwardedFor =
        head.value("X-Forwarded-For").map(value -> value + ", 127.0.0.1").orElse("127.0.0.1");
    return head.replaced("X-Forwarded-For", forwardedFor).with("Via", "1.1 broken-proxy");
  }

  /** Accept and X- headers other than the cluster headers: what a whitelisting proxy drops. */
  static boolean unknownHeader(String field, ProxyKit kit) {
    String name = HttpHead.nameOf(field);
    boolean cluster = CLUSTER_HEADERS.stream().anyMatch(c -> HttpHead.named(field, c));
    return !cluster
        && (name.equalsIgnoreCase("Accept") || name.toLowerCase(Locale.ROOT).startsWith("x-"));
  }

  private static String lastValue(List<String> lines) {
    return HttpHead.valueOf(lines.get(lines.size() - 1));
  }
}
