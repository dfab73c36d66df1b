package io.github.k8sproxyconformance.proxy.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile HTTP/1.1 requests for a proxy endpoint, reproducibly from one {@link Random}.
 *
 * <p>Each request is built from a family of attack (dot segments, absolute-form targets, control
 * bytes in header values, conflicting body framing...) mixed with random choices, so a run covers
 * many combinations the hand-written tests do not. Every host a request names is the canary's
 * loopback address: a proxy that followed one would be seen there, and no request can leave the
 * machine.
 */
public final class HostileRequests {
  /** One generated request; {@code halfClose} ends the client's output after it. */
  public record Case(String family, byte[] bytes, boolean halfClose) {}

  /** The marker in smuggled requests: no cluster may ever receive it. */
  public static final String SMUGGLED = "SMUGGLED";

  private static final String[] FAMILIES = {
    "path-escape",
    "mount-variant",
    "absolute-form",
    "authority-form",
    "method",
    "cluster-header",
    "control-bytes",
    "big-headers",
    "content-length",
    "cl-te",
    "chunked",
    "trailer",
    "framing",
    "garbage",
    "truncated",
    "upgrade-expect",
    "pipelined",
    "raw-target",
    "valid"
  };
  private static final String[] DOTS = {
    "..",
    "%2e%2e",
    "%2E%2e",
    ".%2e",
    "%2e.",
    "..;",
    "..;x=1",
    "%2e%2e;",
    "...",
    ".",
    "%2e",
    "..\\",
    "..%5c",
    "..%5C",
    "%252e%252e",
    "%c0%ae%c0%ae",
    ".%00.",
    "..%00",
    "..%2f",
    "..%2F"
  };
  private static final String[] CLUSTERS = {"alpha", "alpha", "prefixed", "sibling", "down"};

  private final Random random;
  private final String mount;
  private final String canary;

  public HostileRequests(Random random, String mount, int canaryPort) {
    this.random = random;
    this.mount = mount;
    this.canary = "127.0.0.1:" + canaryPort;
  }

  public Case next() {
    String family = pick(FAMILIES);
    return switch (family) {
      case "path-escape" -> request(family, "GET", mount + escapingPath(), cluster(), "");
      case "mount-variant" ->
          request(family, "GET", mountVariant() + "/api/v1/pods", cluster(), "");
      case "absolute-form" ->
          request(family, pick("GET", "POST", "DELETE"), absolute(), cluster(), "");
      case "authority-form" -> authorityForm(family);
      case "method" -> request(family, method(), mount + "/api/v1/pods", cluster(), "");
      case "cluster-header" -> request(family, "GET", mount + "/api", clusterHeader(), "");
      case "control-bytes" ->
          request(family, "GET", mount + "/api", cluster() + controlHeader(), "");
      case "big-headers" -> request(family, "GET", mount + "/api", cluster() + bigHeaders(), "");
      case "content-length" -> withBody(family, contentLengths(), "{\"kind\":\"Pod\"}");
      case "cl-te" -> withBody(family, clTe(), "0\r\n\r\n" + smuggled());
      case "chunked" -> withBody(family, "Transfer-Encoding: chunked\r\n", badChunks());
      case "trailer" -> trailer(family);
      case "framing" -> framing(family);
      case "garbage" -> new Case(family, garbage(), random.nextBoolean());
      case "truncated" -> truncated(family);
      case "upgrade-expect" -> upgradeOrExpect(family);
      case "pipelined" -> pipelined(family);
      case "raw-target" -> request(family, "GET", mount + rawTarget(), cluster(), "");
      default -> new Case(family, bytes(head("GET", mount + "/api/v1/pods", cluster())), false);
    };
  }

  private Case request(String family, String method, String target, String headers, String body) {
    return new Case(family, bytes(head(method, target, headers) + body), random.nextInt(4) == 0);
  }

  private String head(String method, String target, String headers) {
    String host = random.nextInt(8) == 0 ? "Host: " + canary : "Host: proxy.example";
    return method
        + " "
        + target
        + " HTTP/1.1\r\n"
        + host
        + "\r\n"
        + headers
        + "Connection: close\r\n\r\n";
  }

  private Case withBody(String family, String framing, String body) {
    String head = head("POST", mount + "/api/v1/namespaces/default/pods", cluster() + framing);
    return new Case(family, bytes(head + body), true);
  }

  private String cluster() {
    int choice = random.nextInt(10);
    return choice == 0 ? "" : "Backstage-Kubernetes-Cluster: " + pick(CLUSTERS) + "\r\n";
  }

  private String escapingPath() {
    StringBuilder path = new StringBuilder();
    int depth = random.nextInt(3);
    for (int i = 0; i < depth; i++) {
      path.append('/').append(pick("api", "v1", "namespaces", "x", "%2f", ";p=1"));
    }
    int climbs = 1 + random.nextInt(6);
    String separator = pick("/", "/", "%2f", "%2F", "\\", "%5c", "//", "/./");
    for (int i = 0; i < climbs; i++) {
      path.append(i == 0 ? "/" : separator).append(pick(DOTS));
    }
    return path.append(pick("/admin", "/k8s/clusters/c-2/api", "/clusters/alpha/secrets", "", "/"))
        .toString();
  }

  private String mountVariant() {
    return pick(
        "/api/kubernetes/%70roxy",
        "/API/kubernetes/proxy",
        "//api/kubernetes/proxy",
        "/api/kubernetes/proxy/../proxy",
        "/api/kubernetes/proxy;x=1",
        "/api/kubernetes/proxy%2f",
        "/api/kubernetes/./proxy",
        "/api/kubernetes/proxy/.",
        "/api/kubernetes/proxyx",
        "/api/kubernetes//proxy",
        "/api/kubernetes/proxy%00",
        "/./api/kubernetes/proxy");
  }

  private String absolute() {
    String authority = pick(canary, "localhost:" + canary.split(":")[1], "user@" + canary);
    return pick("http://", "https://", "//", "HTTP://") + authority + pick(mount, "") + "/api";
  }

  private Case authorityForm(String family) {
    String target = pick(canary, "localhost:" + canary.split(":")[1], "*", canary + mount);
    String method = pick("CONNECT", "CONNECT", "GET", "OPTIONS");
    return request(family, method, target, cluster(), "");
  }

  private String method() {
    return pick(
        "CONNECT",
        "TRACE",
        "TRACK",
        "PROPFIND",
        "get",
        "G\u00c9T",
        "GET\u0000",
        "M-SEARCH",
        "X".repeat(1 + random.nextInt(2000)),
        "PATCH",
        "OPTIONS",
        "HEAD",
        "DELETE",
        "BREW");
  }

  private String clusterHeader() {
    String name =
        pick(
            "Backstage-Kubernetes-Cluster",
            "backstage-kubernetes-cluster",
            "Backstage-Kubernetes-Cluster ",
            "X-Kubernetes-Cluster",
            "Backstage-Kubernetes-Cluster\t");
    String value =
        pick(
            "http://" + canary,
            canary,
            "//" + canary + "/x",
            "alpha\u0000",
            "alpha\r",
            "alpha\rX-Injected: 1",
            "alpha, prefixed",
            "../prefixed",
            "%61lpha",
            "alpha\r\n " + canary,
            " prefixed ",
            "\u00e9",
            "a".repeat(20_000),
            "",
            "down");
    String second = random.nextInt(4) == 0 ? name + ": " + pick(CLUSTERS) + "\r\n" : "";
    return name + ": " + value + "\r\n" + second;
  }

  private String controlHeader() {
    return pick(
            "X-A: a\rb",
            "X-A: a\u0000b",
            "X-A: a\u007fb",
            "X A: b",
            "X(A): b",
            ": empty",
            "NoColon",
            "X-A: a\r\n\tfolded",
            " Leading: space",
            "Authorization: Bearer a\rb",
            "Backstage-Kubernetes-Authorization: Bearer x\u0000y",
            "Host: " + canary,
            "X-Forwarded-Host: " + canary,
            "Forwarded: host=" + canary,
            "Proxy-Connection: keep-alive")
        + "\r\n";
  }

  private String bigHeaders() {
    return switch (random.nextInt(4)) {
      case 0 -> "X-Big: " + "b".repeat(64 * 1024) + "\r\n";
      case 1 -> "X-Big: " + "b".repeat(15 * 1024) + "\r\n";
      default -> "X-H: v\r\n".repeat(100 + random.nextInt(5_000));
    };
  }

  private String contentLengths() {
    return pick(
        "Content-Length: 14\r\nContent-Length: 15\r\n",
        "Content-Length: 14\r\nContent-Length: 14\r\n",
        "Content-Length: -1\r\n",
        "Content-Length: 99999999999999999999\r\n",
        "Content-Length: +14\r\n",
        "Content-Length: 14, 14\r\n",
        "Content-Length: 0x0e\r\n",
        "Content-Length:\r\n",
        "Content-Length: 1 4\r\n",
        "Content-Length: 4\r\n",
        "Content-Length: 400\r\n");
  }

  private String clTe() {
    String te =
        pick(
            "chunked",
            " chunked",
            "Chunked",
            "chunked, identity",
            "identity, chunked",
            "xchunked",
            "chunked\u0000",
            "gzip, chunked",
            "chunked\r\nTransfer-Encoding: identity");
    return "Content-Length: 4\r\nTransfer-Encoding: " + te + "\r\n";
  }

  private String smuggled() {
    return "GET "
        + mount
        + "/"
        + SMUGGLED
        + " HTTP/1.1\r\nHost: x\r\n"
        + "Backstage-Kubernetes-Cluster: alpha\r\n\r\n";
  }

  private String badChunks() {
    return pick(
        "zz\r\nabc\r\n0\r\n\r\n",
        "-1\r\nabc\r\n0\r\n\r\n",
        "ffffffffffffffffff\r\nab\r\n",
        "3\r\nabcdef\r\n0\r\n\r\n",
        "3\nabc\n0\n\n",
        "3;" + "e".repeat(10_000) + "\r\nabc\r\n0\r\n\r\n",
        "3\r\nabc\r\n0\r\nContent-Length: 5\r\nBackstage-Kubernetes-Cluster: prefixed\r\n\r\n",
        "10\r\nabc",
        "3\r\nabc\r\n",
        "0\r\n\r\n" + smuggled());
  }

  private Case trailer(String family) {
    String method = pick("GET", "DELETE", "HEAD", "GET");
    String headers =
        cluster()
            + "Trailer: "
            + pick("X-T", "Content-Length", "Host")
            + "\r\n"
            + (random.nextBoolean() ? "TE: trailers\r\n" : "");
    return new Case(family, bytes(head(method, mount + "/api/v1/pods", headers)), false);
  }

  private Case framing(String family) {
    String version =
        pick(
            "HTTP/1.0",
            "HTTP/1.2",
            "HTTP/2.0",
            "HTTP/9.9",
            "http/1.1",
            "HTTP/1.1.1",
            "HTTP/01.1",
            "",
            "HTTP/1.1 extra",
            "HTTP/1.1");
    String eol = pick("\r\n", "\n", "\r", "\r\n");
    String lead = random.nextInt(4) == 0 ? "\r\n\r\n" : "";
    String target = pick(mount + "/api", " " + mount + "/api", mount + "/api ", mount + "\t/api");
    String host = pick("Host: proxy", "", "Host: a" + eol + "Host: b", "Host: " + canary);
    String text =
        lead
            + "GET "
            + target
            + " "
            + version
            + eol
            + host
            + eol
            + cluster().replace("\r\n", eol)
            + eol;
    return new Case(family, bytes(text), true);
  }

  private byte[] garbage() {
    return switch (random.nextInt(4)) {
      case 0 -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
      case 1 -> new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1};
      default -> {
        byte[] bytes = new byte[1 + random.nextInt(2048)];
        random.nextBytes(bytes);
        yield bytes;
      }
    };
  }

  private Case truncated(String family) {
    byte[] whole =
        bytes(
            head("POST", mount + "/api/v1/pods", cluster() + "Content-Length: 40\r\n")
                + "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}");
    byte[] part = new byte[1 + random.nextInt(whole.length - 1)];
    System.arraycopy(whole, 0, part, 0, part.length);
    return new Case(family, part, true);
  }

  private Case upgradeOrExpect(String family) {
    String headers =
        pick(
            "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n",
            "Connection: Upgrade\r\nUpgrade: websocket\r\n",
            "Upgrade: SPDY/3.1\r\nConnection: Upgrade\r\n",
            "Connection: Backstage-Kubernetes-Cluster\r\n",
            "Expect: 100-continue\r\nContent-Length: 2\r\n",
            "Expect: garbage\r\n",
            "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 99\r\n");
    String body = headers.contains("Content-Length: 2") ? "{}" : "";
    return new Case(
        family, bytes(head("GET", mount + "/api/v1/pods", cluster() + headers) + body), false);
  }

  private Case pipelined(String family) {
    String first = "GET " + mount + "/api HTTP/1.1\r\nHost: p\r\n" + cluster() + "\r\n";
    String second =
        pick(
            "GET http://" + canary + "/ HTTP/1.1\r\nHost: p\r\n\r\n",
            "GET "
                + mount
                + escapingPath()
                + " HTTP/1.1\r\nHost: p\r\n"
                + cluster()
                + "Connection: close\r\n\r\n",
            smuggled());
    return new Case(family, bytes(first + second), false);
  }

  private String rawTarget() {
    return pick(
        "/api/\u0000",
        "/api/\u007f",
        "/api/ x",
        "/api#frag",
        "/api?a=%",
        "/api/%",
        "/api/%zz",
        "/api/\u00ff\u00fe",
        "/" + "a".repeat(20_000),
        "/api?" + "q".repeat(9_000),
        "/api/%u002e%u002e/x",
        "/api?x=/../../admin",
        "/api/%2e%2e%2f%2e%2e%2fadmin");
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The families, for reports. */
  public static List<String> families() {
    return List.of(FAMILIES);
  }
}
