package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.http.RawHttpClient;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts upstreams and a reference proxy on loopback for one test, sends requests through it, and
 * closes everything afterwards. Configurations are written as app-config YAML, as users write them.
 */
abstract class ProxyTestBase {
  protected static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  protected ReferenceProxyServer proxy;
  @TempDir protected Path dir;

  @AfterEach
  void closeResources() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  protected <T extends AutoCloseable> T closeLater(T resource) {
    resources.add(resource);
    return resource;
  }

  protected Upstream upstream() throws Exception {
    return closeLater(Upstream.http());
  }

  /** A port on 127.0.0.1 that nothing listens on. */
  protected static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts the proxy on {@code kubernetesYaml} plus a proxy section with port 0 and the lines. */
  protected ReferenceProxyServer startProxy(String kubernetesYaml, String... proxyLines)
      throws Exception {
    String proxySection =
        "proxy:\n  listen:\n    host: 127.0.0.1\n    port: 0\n"
            + Arrays.stream(proxyLines).map(l -> "  " + l + "\n").collect(Collectors.joining());
    proxy =
        closeLater(
            ReferenceProxyServer.start(
                ConfigLoader.parse(kubernetesYaml + proxySection, Map.of(), dir)));
    return proxy;
  }

  /** A {@code kubernetes:} section with the given locators. */
  protected static String kubernetes(String... locators) {
    StringBuilder yaml = new StringBuilder("kubernetes:\n  clusterLocatorMethods:\n");
    Arrays.stream(locators).forEach(l -> yaml.append(l.indent(4)));
    return yaml.toString();
  }

  /** A {@code type: config} locator with the given cluster entries. */
  protected static String configLocator(String... clusters) {
    StringBuilder yaml = new StringBuilder("- type: config\n  clusters:");
    if (clusters.length == 0) {
      return yaml.append(" []\n").toString();
    }
    yaml.append('\n');
    Arrays.stream(clusters).forEach(c -> yaml.append(c.indent(4)));
    return yaml.toString();
  }

  /** A cluster entry; {@code extraLines} are further {@code key: value} lines. */
  protected static String cluster(
      String name, Object url, String authProvider, String... extraLines) {
    StringBuilder yaml =
        new StringBuilder(
            "- name: '" + name + "'\n  url: " + url + "\n  authProvider: " + authProvider + "\n");
    Arrays.stream(extraLines).forEach(l -> yaml.append("  ").append(l).append('\n'));
    return yaml.toString();
  }

  /** A serviceAccount cluster with a token. */
  protected static String serviceAccount(String name, Object url, String token) {
    return cluster(name, url, "serviceAccount", "serviceAccountToken: " + token);
  }

  /** The proxy URL of {@code pathAfterMount} (which may carry a query). */
  protected URI proxyUri(String pathAfterMount) {
    return URI.create(proxy.endpoint() + pathAfterMount);
  }

  /** Sends a request through the proxy; {@code headers} are name, value pairs. */
  protected HttpResponse<String> send(
      String method, String pathAfterMount, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(proxyUri(pathAfterMount))
            .timeout(TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  protected HttpResponse<String> get(String pathAfterMount, String... headers) throws Exception {
    return send("GET", pathAfterMount, null, headers);
  }

  /** Sends exact bytes: a request line and header lines (Host added unless given) to the proxy. */
  protected RawResponse raw(String requestLine, String... headerLines) throws IOException {
    List<String> head = new ArrayList<>();
    head.add(requestLine);
    if (Arrays.stream(headerLines).noneMatch(l -> l.regionMatches(true, 0, "Host:", 0, 5))) {
      head.add("Host: 127.0.0.1:" + proxy.endpoint().getPort());
    }
    head.addAll(List.of(headerLines));
    return rawSend(proxy.endpoint().getPort(), head, new byte[0]);
  }

  /**
   * Sends {@code head} (request line and header lines, each without CRLF; {@code Connection: close}
   * is added unless given) and {@code body} as they are to 127.0.0.1:{@code port}, and reads the
   * whole response.
   *
   * @throws AssertionError when the connection fails or the response is broken or late
   */
  protected static RawResponse rawSend(int port, List<String> head, byte[] body) {
    StringBuilder request = new StringBuilder();
    head.forEach(line -> request.append(line).append("\r\n"));
    if (head.stream().noneMatch(l -> l.regionMatches(true, 0, "Connection:", 0, 11))) {
      request.append("Connection: close\r\n");
    }
    request.append("\r\n");
    byte[] headBytes = request.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] wire = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, wire, headBytes.length, body.length);
    return new RawHttpClient(TIMEOUT).sendVerbatim(URI.create("http://127.0.0.1:" + port), wire);
  }

  /** The mount path of the running proxy. */
  protected String mount() {
    return proxy.endpoint().getPath();
  }

  /** The error envelope Backstage writes, for comparing whole bodies. */
  protected static String envelope(
      String name, String message, String method, String url, int status) {
    return "{\"error\":{\"name\":\""
        + name
        + "\",\"message\":\""
        + message
        + "\"},\"request\":{\"method\":\""
        + method
        + "\",\"url\":\""
        + url
        + "\"},\"response\":{\"statusCode\":"
        + status
        + "}}";
  }
}
