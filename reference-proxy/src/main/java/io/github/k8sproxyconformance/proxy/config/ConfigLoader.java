package io.github.k8sproxyconformance.proxy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a Backstage app-config.yaml into a {@link ProxyConfig}.
 *
 * <p>It reads the {@code kubernetes.clusterLocatorMethods} Backstage itself reads, so the proxy can
 * be started from a real portal's configuration, plus the proxy's own optional {@code proxy:}
 * section. The whole file is checked before anything starts: the first problem found is thrown as
 * one {@link ConfigException} naming its key path.
 */
public final class ConfigLoader {
  /** One or more segments of URL-safe characters, never {@code .} or {@code ..}. */
  private static final Pattern MOUNT_PATH =
      Pattern.compile("(/(?!\\.{1,2}(/|$))[A-Za-z0-9._~-]+)+");

  private static final List<String> PROXY_KEYS =
      List.of(
          "listen",
          "mountPath",
          "profile",
          "duplicateNames",
          "connectionIdleTimeoutMs",
          "exchangeIdleTimeoutMs",
          "requestHeadTimeoutMs",
          "maxConnectionsPerCluster",
          "maxQueuedRequestsPerCluster",
          "maxResponseHeadBytes",
          "maxBufferedRequestBodyBytes",
          "requestBodyBufferPoolBytes",
          "accessLog");
  private static final List<String> ACCESS_LOG_KEYS = List.of("path", "format");
  private static final List<String> LISTEN_KEYS = List.of("host", "port");
  private static final ClusterUrl LOCAL_KUBECTL_PROXY_URL =
      ClusterUrl.parse("http://127.0.0.1:8001").orElseThrow();

  private ConfigLoader() {}

  /** Reads {@code appConfigYaml}, substituting {@code ${VAR}} from the process environment. */
  public static ProxyConfig load(Path appConfigYaml) throws ConfigException {
    String yaml;
    try {
      yaml = Files.readString(appConfigYaml);
    } catch (IOException e) {
      throw new ConfigException(
          appConfigYaml + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
    }
    Path baseDir = appConfigYaml.toAbsolutePath().getParent();
    return parse(yaml, System.getenv(), baseDir);
  }

  /**
   * Reads several app-config files merged in order, later files winning, as Backstage merges {@code
   * --config} files (see {@link ConfigMerge}). A relative {@code caFile} is resolved against the
   * folder of the file the cluster list came from: the last one that sets {@code
   * kubernetes.clusterLocatorMethods}, since a list is replaced whole.
   */
  public static ProxyConfig load(List<Path> appConfigYamls) throws ConfigException {
    if (appConfigYamls.isEmpty()) {
      throw new IllegalArgumentException("no config file");
    }
    if (appConfigYamls.size() == 1) {
      return load(appConfigYamls.get(0));
    }
    Object merged = null;
    Path clustersFile = appConfigYamls.get(appConfigYamls.size() - 1);
    for (Path file : appConfigYamls) {
      Object document;
      try {
        document = loadYaml(Files.readString(file));
      } catch (IOException e) {
        throw new ConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
      } catch (ConfigException e) {
        throw new ConfigException(file + ": " + e.getMessage(), e);
      }
      if (setsClusterLocators(document)) {
        clustersFile = file;
      }
      merged = ConfigMerge.merge(merged, document);
    }
    return parse(merged, System.getenv(), clustersFile.toAbsolutePath().getParent());
  }

  private static boolean setsClusterLocators(Object document) {
    return document instanceof Map<?, ?> root
        && root.get("kubernetes") instanceof Map<?, ?> kubernetes
        && kubernetes.get("clusterLocatorMethods") != null;
  }

  /**
   * Parses {@code yaml}; {@code ${VAR}} is read from {@code env} and a relative {@code caFile} is
   * resolved against {@code baseDir}.
   */
  public static ProxyConfig parse(String yaml, Map<String, String> env, Path baseDir)
      throws ConfigException {
    return parse(loadYaml(yaml), env, baseDir);
  }

  private static ProxyConfig parse(Object document, Map<String, String> env, Path baseDir) {
    YamlNode root = YamlNode.root(document, Map.copyOf(env));
    YamlNode proxy = root.get("proxy");
    requireKnownKeys(proxy, PROXY_KEYS);
    YamlNode listen = proxy.get("listen");
    requireKnownKeys(listen, LISTEN_KEYS);
    Profile profile = profile(proxy.get("profile"));
    List<ClusterConfig> clusters = clusters(root, profile, new ClusterReader(baseDir));
    return new ProxyConfig(
        clusters,
        listen.get("host").optionalString().filter(s -> !s.isBlank()).orElse("127.0.0.1"),
        (int) listen.get("port").number(7007, 0, 65535),
        mountPath(proxy.get("mountPath")),
        profile,
        duplicateNames(proxy.get("duplicateNames")),
        Duration.ofMillis(proxy.get("connectionIdleTimeoutMs").number(30_000, 1, Long.MAX_VALUE)),
        Duration.ofMillis(proxy.get("exchangeIdleTimeoutMs").number(0, 0, Long.MAX_VALUE)),
        limits(proxy),
        accessLog(proxy.get("accessLog")));
  }

  /**
   * {@code path}: {@code stderr} (or {@code -}, the default), {@code log} (the application log),
   * {@code off}, or a file; {@code format}: {@code combined} (the default), {@code common}, or a
   * {@code CustomRequestLog} format string. A relative file is relative to the working directory.
   */
  private static AccessLogSettings accessLog(YamlNode node) {
    requireKnownKeys(node, ACCESS_LOG_KEYS);
    YamlNode pathNode = node.get("path");
    String path = pathNode.optionalString().map(String::trim).orElse("stderr");
    YamlNode formatNode = node.get("format");
    String named = formatNode.optionalString().map(String::trim).orElse("combined");
    String format =
        switch (named) {
          case "combined" -> AccessLogSettings.COMBINED_FORMAT;
          case "common" -> AccessLogSettings.COMMON_FORMAT;
          case "" -> throw formatNode.error("must be combined, common or a format string");
          default -> named;
        };
    return switch (path) {
      case "stderr", "-" ->
          new AccessLogSettings(AccessLogSettings.Destination.STDERR, Optional.empty(), format);
      case "log" ->
          new AccessLogSettings(AccessLogSettings.Destination.LOG, Optional.empty(), format);
      case "off" ->
          new AccessLogSettings(AccessLogSettings.Destination.OFF, Optional.empty(), format);
      case "" -> throw pathNode.error("must be stderr, log, off or a file");
      default ->
          new AccessLogSettings(
              AccessLogSettings.Destination.FILE, Optional.of(Path.of(path)), format);
    };
  }

  private static ProxyLimits limits(YamlNode proxy) {
    ProxyLimits defaults = ProxyLimits.DEFAULTS;
    return new ProxyLimits(
        Duration.ofMillis(
            proxy
                .get("requestHeadTimeoutMs")
                .number(defaults.requestHeadTimeout().toMillis(), 1, Long.MAX_VALUE)),
        (int)
            proxy
                .get("maxConnectionsPerCluster")
                .number(defaults.maxConnectionsPerCluster(), 1, Integer.MAX_VALUE),
        (int)
            proxy
                .get("maxQueuedRequestsPerCluster")
                .number(defaults.maxQueuedRequestsPerCluster(), 1, Integer.MAX_VALUE),
        (int)
            proxy
                .get("maxResponseHeadBytes")
                .number(defaults.maxResponseHeadBytes(), 1024, 64L * 1024 * 1024),
        (int)
            proxy
                .get("maxBufferedRequestBodyBytes")
                .number(defaults.maxBufferedRequestBodyBytes(), 0, Integer.MAX_VALUE - 8),
        proxy
            .get("requestBodyBufferPoolBytes")
            .number(defaults.requestBodyBufferPoolBytes(), 0, Long.MAX_VALUE));
  }

  private static Object loadYaml(String yaml) {
    try {
      Object document = new Load(LoadSettings.builder().build()).loadFromString(yaml);
      if (document != null && !(document instanceof Map)) {
        throw new ConfigException("(document): must be a mapping");
      }
      return document;
    } catch (MarkedYamlEngineException e) {
      String where =
          e.getProblemMark()
              .map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
              .orElse("");
      throw new ConfigException("(document): malformed YAML: " + e.getProblem() + where, e);
    } catch (YamlEngineException e) {
      throw new ConfigException("(document): malformed YAML: " + e.getMessage(), e);
    }
  }

  private static List<ClusterConfig> clusters(
      YamlNode root, Profile profile, ClusterReader reader) {
    List<ClusterConfig> clusters = new ArrayList<>();
    List<YamlNode> locators = root.get("kubernetes").get("clusterLocatorMethods").list();
    for (int index = 0; index < locators.size(); index++) {
      YamlNode locator = locators.get(index);
      YamlNode typeNode = locator.get("type");
      String type = typeNode.string();
      switch (type) {
        case "config" -> clusters.addAll(configLocator(locator, index, profile, reader));
        case "localKubectlProxy" -> clusters.add(localKubectlProxy(index));
        case "catalog", "gke" ->
            throw typeNode.error(
                "unsupported locator type '" + type + "' (supported: config, localKubectlProxy)");
        default ->
            throw typeNode.error(
                "unknown locator type '" + type + "' (supported: config, localKubectlProxy)");
      }
    }
    return clusters;
  }

  /** Backstage 0.15+ refuses a name twice within one config locator; 1.9 accepted it. */
  private static List<ClusterConfig> configLocator(
      YamlNode locator, int index, Profile profile, ClusterReader reader) {
    List<ClusterConfig> clusters = new ArrayList<>();
    Map<String, ClusterConfig> byName = new HashMap<>();
    for (YamlNode entry : locator.get("clusters").list()) {
      ClusterConfig cluster = reader.read(entry, index);
      if (profile == Profile.BACKSTAGE_CURRENT && byName.containsKey(cluster.name())) {
        throw entry.get("name").error("Duplicate cluster name '" + cluster.name() + "'");
      }
      byName.put(cluster.name(), cluster);
      clusters.add(cluster);
    }
    return clusters;
  }

  private static ClusterConfig localKubectlProxy(int index) {
    return new ClusterConfig(
        "local",
        LOCAL_KUBECTL_PROXY_URL,
        AuthProvider.LOCAL_KUBECTL_PROXY,
        Optional.empty(),
        Optional.empty(),
        false,
        List.of(),
        index,
        "localKubectlProxy");
  }

  private static Profile profile(YamlNode node) {
    return node.optionalString()
        .map(
            value ->
                Profile.fromConfigName(value)
                    .orElseThrow(
                        () ->
                            node.error(
                                "unknown profile '"
                                    + value
                                    + "' (supported: backstage-current, backstage-1.9)")))
        .orElse(Profile.BACKSTAGE_CURRENT);
  }

  private static DuplicateNamePolicy duplicateNames(YamlNode node) {
    return node.optionalString()
        .map(
            value ->
                DuplicateNamePolicy.fromConfigName(value)
                    .orElseThrow(
                        () ->
                            node.error(
                                "unknown policy '" + value + "' (supported: first-match, reject)")))
        .orElse(DuplicateNamePolicy.FIRST_MATCH);
  }

  private static String mountPath(YamlNode node) {
    String value = node.optionalString().orElse("/api/kubernetes/proxy").trim();
    String mount = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    if (!MOUNT_PATH.matcher(mount).matches()) {
      throw node.error("must be a path such as /api/kubernetes/proxy");
    }
    return mount;
  }

  private static void requireKnownKeys(YamlNode node, List<String> known) {
    for (String key : node.keys()) {
      if (!known.contains(key)) {
        throw node.get(key).error("unknown key (known: " + String.join(", ", known) + ")");
      }
    }
  }
}
