package io.github.k8sproxyconformance.steps.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.fixtures.topology.StandardTopology;
import io.github.k8sproxyconformance.proxy.ReferenceProxyServer;
import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.preflight.PreflightProblem.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * Each preflight situation started for real on loopback: nothing listening, reference proxies
 * configured wrongly, a server that wants a login, a taken fixture port, and the right proxy.
 *
 * <p>The fixture ports are a block found free at test time rather than 27100, which a concurrent
 * run against an external proxy may hold; the proxies get the checked-in fixture config moved to
 * that block, as {@code fixtures config --base-port} would write it, so a proxy that knows {@code
 * alpha} forwards to a port of this test, never to another run's cluster.
 */
class PreflightTest {

  private static final Path FIXTURES =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../fixtures");
  private static final Pattern FIXTURE_PORT = Pattern.compile("127\\.0\\.0\\.1:(271\\d\\d)");
  private static final String MOUNT = "/api/kubernetes/proxy";

  private final int basePort = freeBlock();

  @Test
  void nothingListeningAtTheUrlIsNamedWithTheUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + MOUNT;

    PreflightProblem problem = problemFor(config(url, "backstage-current"));

    assertThat(problem.kind()).isEqualTo(Kind.NOT_LISTENING);
    assertThat(problem.message()).startsWith("Nothing listens at " + url).contains("--proxy-url");
  }

  @Test
  void aProxyWithoutTheFixtureClustersIsToldWhichConfigToLoad() throws Exception {
    String ownClusters =
        """
        kubernetes:
          clusterLocatorMethods:
            - type: config
              clusters:
                - name: production
                  url: http://127.0.0.1:1
                  authProvider: serviceAccount
                  serviceAccountToken: t
        """;
    try (ReferenceProxyServer proxy = referenceProxy(ownClusters, "backstage-current")) {
      PreflightProblem problem = problemFor(config(proxy.endpoint(), "backstage-current"));

      assertThat(problem.kind()).isEqualTo(Kind.CLUSTERS_UNKNOWN);
      assertThat(problem.message())
          .contains("does not know the fixture clusters")
          .contains("Cluster 'alpha' not found")
          .contains("app-config.conformance.yaml")
          .contains("conformance-ca.pem")
          .contains("`fixtures config --base-port " + basePort + " --out DIR`");
    }
  }

  @Test
  void onTheDefaultPortsTheCheckedInConfigIsNamed() {
    HarnessConfig defaults =
        HarnessConfig.load(
            Map.of(HarnessConfig.PROXY_URL, "http://127.0.0.1:7007" + MOUNT), Map.of());
    ProxyProbe.Result notFound =
        new ProxyProbe.Result(ProxyProbe.Ending.ANSWERED, 404, "Cluster 'alpha' not found");

    String message =
        PreflightMessages.clustersUnknown(
                defaults, defaults.proxyUrl().orElseThrow(), defaults.profile(), notFound)
            .message();

    assertThat(message)
        .contains("Give it fixtures/app-config.conformance.yaml as one more config file")
        .contains("put fixtures/conformance-ca.pem in its working directory")
        .contains("`fixtures config --out DIR` writes the same two files");
  }

  @Test
  void aProxyOfTheOtherProfileIsToldWhichProfileToRun() throws Exception {
    try (ReferenceProxyServer proxy = referenceProxy(fixtureConfig(), "backstage-1.9")) {
      PreflightProblem problem = problemFor(config(proxy.endpoint(), "backstage-current"));

      assertThat(problem.kind()).isEqualTo(Kind.OTHER_PROFILE);
      assertThat(problem.message())
          .contains("follows profile backstage-1.9, not backstage-current")
          .contains("--profile backstage-1.9")
          .contains("-Dconformance.profile=backstage-1.9");
    }
  }

  @Test
  void aCurrentProxyProbedAsTheSeedProfileIsToldTheCurrentProfile() throws Exception {
    try (ReferenceProxyServer proxy = referenceProxy(fixtureConfig(), "backstage-current")) {
      PreflightProblem problem = problemFor(config(proxy.endpoint(), "backstage-1.9"));

      assertThat(problem.kind()).isEqualTo(Kind.OTHER_PROFILE);
      assertThat(problem.message()).contains("--profile backstage-current");
    }
  }

  @Test
  void aServerAnswering401IsToldToPassAProxyToken() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(new Unauthorized());
    server.start();
    try {
      String url = "http://127.0.0.1:" + connector.getLocalPort() + MOUNT;

      PreflightProblem problem = problemFor(config(url, "backstage-current"));

      assertThat(problem.kind()).isEqualTo(Kind.CREDENTIAL_WANTED);
      assertThat(problem.message())
          .contains("answered 401")
          .contains("--proxy-token")
          .contains("-Dconformance.proxy.token");
    } finally {
      server.stop();
    }
  }

  @Test
  void aTakenFixturePortIsNamedWithTheBasePortOption() throws Exception {
    try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int taken = holder.getLocalPort();
      Map<String, String> properties = new HashMap<>();
      properties.put(HarnessConfig.PROXY_URL, "http://127.0.0.1:1" + MOUNT);
      properties.put(HarnessConfig.BASE_PORT, Integer.toString(taken));

      PreflightProblem problem = problemFor(HarnessConfig.load(properties, Map.of()));

      assertThat(problem.kind()).isEqualTo(Kind.PORT_TAKEN);
      assertThat(problem.message())
          .startsWith("Fixture port " + taken + " (cluster 'alpha') is already in use")
          .contains("--base-port")
          .contains("-Dconformance.fixtures.base-port=");
    }
  }

  @Test
  void aProxyThatKnowsTheFixtureClustersPasses() throws Exception {
    try (ReferenceProxyServer proxy = referenceProxy(fixtureConfig(), "backstage-current")) {
      HarnessConfig config = config(proxy.endpoint(), "backstage-current");

      Instant start = Instant.now();
      Optional<PreflightProblem> problem = Preflight.check(config);

      assertThat(problem).isEmpty();
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void theBundledProxyNeedsNoPreflight() {
    assertThat(Preflight.check(HarnessConfig.load(Map.of(), Map.of()))).isEmpty();
  }

  /** Runs the check, which must find a problem within the 5 s it is allowed. */
  private static PreflightProblem problemFor(HarnessConfig config) {
    Instant start = Instant.now();
    Optional<PreflightProblem> problem = Preflight.check(config);
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    assertThat(problem).as("the problem found").isPresent();
    return problem.get();
  }

  private HarnessConfig config(Object url, String profile) {
    Map<String, String> properties = new HashMap<>();
    properties.put(HarnessConfig.PROXY_URL, url.toString());
    properties.put(HarnessConfig.PROFILE, profile);
    properties.put(HarnessConfig.BASE_PORT, Integer.toString(basePort));
    return HarnessConfig.load(properties, Map.of());
  }

  /** The checked-in fixture config with every fixture port moved to this test's block. */
  private String fixtureConfig() throws Exception {
    String checkedIn =
        Files.readString(FIXTURES.resolve("app-config.conformance.yaml"), StandardCharsets.UTF_8);
    Matcher matcher = FIXTURE_PORT.matcher(checkedIn);
    StringBuilder moved = new StringBuilder();
    while (matcher.find()) {
      int index = Integer.parseInt(matcher.group(1)) - HarnessConfig.EXTERNAL_DEFAULT_BASE_PORT;
      matcher.appendReplacement(moved, "127.0.0.1:" + (basePort + index));
    }
    matcher.appendTail(moved);
    return moved.toString();
  }

  private static ReferenceProxyServer referenceProxy(String appConfig, String profile)
      throws Exception {
    String yaml =
        appConfig
            + "\nproxy:\n  listen:\n    host: 127.0.0.1\n    port: 0\n  mountPath: "
            + MOUNT
            + "\n  profile: "
            + profile
            + "\n";
    return ReferenceProxyServer.start(ConfigLoader.parse(yaml, Map.of(), FIXTURES));
  }

  /** Answers every request as a portal does to a caller without its login. */
  private static final class Unauthorized extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      response.setStatus(401);
      response.getHeaders().put("Content-Type", "application/json");
      Content.Sink.write(
          response,
          true,
          "{\"error\":{\"name\":\"AuthenticationError\",\"message\":\"Missing credentials\"}}",
          callback);
      return true;
    }
  }

  /** The first block of ports, one per standard cluster, that can all be bound now. */
  private static int freeBlock() {
    int size = StandardTopology.clusters().size();
    for (int base = 41000; base < 60000; base += 100) {
      if (allFree(base, size)) {
        return base;
      }
    }
    throw new IllegalStateException("no free block of " + size + " ports on 127.0.0.1");
  }

  private static boolean allFree(int base, int size) {
    for (int port = base; port < base + size; port++) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
