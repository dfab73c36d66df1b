package io.github.k8sproxyconformance.steps.config;

import io.github.k8sproxyconformance.fixtures.topology.StandardTopology;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The harness settings of one run, read once and never changed.
 *
 * <p>Each key is looked up as a system property, then as an environment variable (the key in upper
 * snake case: {@code conformance.proxy.url} becomes {@code CONFORMANCE_PROXY_URL}), then falls back
 * to its default. Reading everything in one place, up front, means a typo fails the run at once
 * with the key and its allowed values instead of silently testing the wrong thing.
 *
 * @param proxyUrl the endpoint of an external proxy; empty runs the bundled reference proxy
 * @param profile the contract expected
 * @param kube how Kubernetes API clusters are provided: {@code embedded}, {@code k3s} or {@code
 *     off}
 * @param basePort the first fixture port; 0 lets every fixture take any free port
 * @param advertisedHost the host name a proxy uses to reach the fixtures
 * @param reportDir where the conformance report and generated app-config files go
 * @param proxyToken a credential for the proxy itself (a portal usually demands its own login)
 * @param implementation what the report names as the implementation tested
 * @param expectations a file listing scenarios known to fail for this implementation
 */
public record HarnessConfig(
    Optional<URI> proxyUrl,
    Profile profile,
    String kube,
    int basePort,
    String advertisedHost,
    Path reportDir,
    Optional<String> proxyToken,
    String implementation,
    Optional<Path> expectations) {

  public static final String PROXY_URL = "conformance.proxy.url";
  public static final String PROFILE = "conformance.profile";
  public static final String KUBE = "conformance.kube";
  public static final String BASE_PORT = "conformance.fixtures.base-port";
  public static final String ADVERTISED_HOST = "conformance.fixtures.advertised-host";
  public static final String REPORT_DIR = "conformance.report.dir";
  public static final String PROXY_TOKEN = "conformance.proxy.token";
  public static final String IMPLEMENTATION = "conformance.implementation";
  public static final String EXPECTATIONS = "conformance.expectations";

  /**
   * Not a setting: the directory the build was started from, passed by {@code steps/pom.xml}. A
   * relative expectations path typed on the Maven command line means a path from there, while the
   * test JVM runs in the module folder.
   */
  public static final String INVOCATION_DIR = "conformance.invocation.dir";

  /** The port range external proxies are configured against when no base port is given. */
  public static final int EXTERNAL_DEFAULT_BASE_PORT = StandardTopology.DEFAULT_BASE_PORT;

  private static final Set<String> KUBE_MODES = Set.of("embedded", "k3s", "off");

  /**
   * Reads the settings from the given maps.
   *
   * @param systemProperties looked up first, by key
   * @param env looked up second, by the key in upper snake case
   * @throws IllegalArgumentException naming the key and its allowed values when a value is invalid
   */
  public static HarnessConfig load(Map<String, String> systemProperties, Map<String, String> env) {
    Lookup lookup = new Lookup(systemProperties, env);
    Optional<URI> proxyUrl = lookup.value(PROXY_URL).map(HarnessConfig::parseProxyUrl);
    Profile profile = parseProfile(lookup.value(PROFILE).orElse(Profile.BACKSTAGE_CURRENT.id()));
    String kube = lookup.value(KUBE).orElse("embedded");
    if (!KUBE_MODES.contains(kube)) {
      throw invalid(KUBE, kube, "one of embedded, k3s, off");
    }
    int defaultPort = proxyUrl.isPresent() ? EXTERNAL_DEFAULT_BASE_PORT : 0;
    int basePort = lookup.value(BASE_PORT).map(HarnessConfig::parseBasePort).orElse(defaultPort);
    String advertisedHost = lookup.value(ADVERTISED_HOST).orElse("127.0.0.1");
    Path reportDir = Path.of(lookup.value(REPORT_DIR).orElse("target/conformance"));
    Optional<String> proxyToken = lookup.value(PROXY_TOKEN);
    String implementation =
        lookup
            .value(IMPLEMENTATION)
            .orElse(proxyUrl.isPresent() ? "unspecified" : "reference-proxy");
    Optional<Path> expectations =
        lookup.value(EXPECTATIONS).map(value -> resolve(value, lookup.value(INVOCATION_DIR)));
    return new HarnessConfig(
        proxyUrl,
        profile,
        kube,
        basePort,
        advertisedHost,
        reportDir,
        proxyToken,
        implementation,
        expectations);
  }

  /** Reads the settings from this JVM's system properties and environment. */
  public static HarnessConfig fromEnvironment() {
    Map<String, String> properties = new LinkedHashMap<>();
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith("conformance."))
        .forEach(name -> properties.put(name, System.getProperty(name)));
    return load(properties, System.getenv());
  }

  /** True when the run targets the bundled reference proxy rather than a proxy given by URL. */
  public boolean bundled() {
    return proxyUrl.isEmpty();
  }

  /**
   * The address the fixture clusters listen on: loopback when the proxy reaches them by a loopback
   * name, every interface when it reaches them by another name (a container host alias).
   */
  public String fixtureBindHost() {
    boolean loopback = advertisedHost.equals("127.0.0.1") || advertisedHost.equals("localhost");
    return loopback ? "127.0.0.1" : "0.0.0.0";
  }

  /**
   * The {@code Authorization} value that carries the proxy token: a token with a scheme ("Basic
   * ...") as is, a bare token as a bearer token.
   */
  public Optional<String> proxyAuthorization() {
    return proxyToken.map(token -> token.contains(" ") ? token : "Bearer " + token);
  }

  /** The text with the proxy token masked, for anything that leaves the run. */
  public String masked(String text) {
    return SecretMask.apply(text, proxyToken);
  }

  /**
   * Every key with its effective value, in a fixed order, for the console and the report. The proxy
   * token is masked: these values are printed.
   */
  public Map<String, String> effective() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(PROXY_URL, proxyUrl.map(URI::toString).orElse("(unset: bundled reference proxy)"));
    values.put(PROFILE, profile.id());
    values.put(KUBE, kube);
    values.put(BASE_PORT, Integer.toString(basePort));
    values.put(ADVERTISED_HOST, advertisedHost);
    values.put(REPORT_DIR, reportDir.toString());
    values.put(PROXY_TOKEN, proxyToken.map(token -> SecretMask.MASK).orElse("(unset)"));
    values.put(IMPLEMENTATION, implementation);
    values.put(EXPECTATIONS, expectations.map(Path::toString).orElse("(unset)"));
    return values;
  }

  /** The environment variable read for a key: upper case, dots and dashes turned to underscores. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Path resolve(String path, Optional<String> invocationDir) {
    Path file = Path.of(path);
    return invocationDir.map(dir -> Path.of(dir).resolve(file)).orElse(file).normalize();
  }

  private static Profile parseProfile(String value) {
    try {
      return Profile.fromId(value);
    } catch (IllegalArgumentException e) {
      throw invalid(PROFILE, value, "one of " + Profile.knownIds());
    }
  }

  private static URI parseProxyUrl(String value) {
    String allowed =
        "an absolute http or https URL, e.g. http://localhost:7007/api/kubernetes/proxy";
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid(PROXY_URL, value, allowed);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean usable =
        (scheme.equals("http") || scheme.equals("https"))
            && uri.getHost() != null
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null;
    if (!usable) {
      throw invalid(PROXY_URL, value, allowed + ", without query or fragment");
    }
    // request targets are appended to the path verbatim, so a trailing slash would double up
    String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    return URI.create(trimmed);
  }

  private static int parseBasePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65000) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed values
    }
    throw invalid(BASE_PORT, value, "an integer from 0 (any free port) to 65000");
  }

  private static IllegalArgumentException invalid(String key, String value, String allowed) {
    return new IllegalArgumentException(
        "invalid " + key + " (" + envName(key) + ") '" + value + "': expected " + allowed);
  }

  /** System property first, then environment variable; blank counts as unset. */
  private record Lookup(Map<String, String> systemProperties, Map<String, String> env) {
    Optional<String> value(String key) {
      return nonBlank(systemProperties.get(key)).or(() -> nonBlank(env.get(envName(key))));
    }

    private static Optional<String> nonBlank(String value) {
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
  }
}
