package io.github.k8sproxyconformance.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.k8sproxyconformance.testkit.tls.TestCertificateAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @TempDir Path dir;

  private ProxyConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.of(), dir);
  }

  private static String oneCluster(String clusterLines) {
    return """
        kubernetes:
          clusterLocatorMethods:
            - type: config
              clusters:
                - name: alpha
                  url: http://127.0.0.1:27101
                  authProvider: serviceAccount
        %s"""
        .formatted(clusterLines.indent(8));
  }

  @Test
  void readsClustersOfEveryLocatorInOrderWithDefaults() {
    ProxyConfig config =
        parse(
            """
            kubernetes:
              serviceLocatorMethod:
                type: multiTenant
              clusterLocatorMethods:
                - type: config
                  clusters:
                    - name: alpha
                      url: http://127.0.0.1:27101
                      authProvider: serviceAccount
                      serviceAccountToken: sa-token-alpha
                      title: Alpha
                      dashboardUrl: http://dash
                      dashboardApp: standard
                      skipMetricsLookup: true
                      customResources:
                        - group: argoproj.io
                          apiVersion: v1alpha1
                          plural: rollouts
                      authMetadata:
                        kubernetes.io/x: y
                    - name: oidcc
                      url: https://user:secret@k8s.example:6443/k8s/clusters/c-1?x=1
                      authProvider: oidc
                      oidcTokenProvider: okta
                - type: config
                  clusters:
                    - name: gamma
                      url: http://127.0.0.1:27110
                      authProvider: aks
                - type: localKubectlProxy
            """);

    assertThat(config.clusters())
        .extracting(ClusterConfig::name)
        .containsExactly("alpha", "oidcc", "gamma", "local");
    assertThat(config.clusters())
        .extracting(ClusterConfig::locatorIndex)
        .containsExactly(0, 0, 1, 2);
    ClusterConfig alpha = config.clusters().get(0);
    assertThat(alpha.serviceAccountToken()).contains("sa-token-alpha");
    assertThat(alpha.url().hostHeader()).isEqualTo("127.0.0.1:27101");
    ClusterConfig oidc = config.clusters().get(1);
    assertThat(oidc.url())
        .isEqualTo(new ClusterUrl("https", "k8s.example", 6443, "/k8s/clusters/c-1"));
    assertThat(oidc.oidcTokenProvider()).contains("okta");
    ClusterConfig local = config.clusters().get(3);
    assertThat(local.url().toString()).isEqualTo("http://127.0.0.1:8001");
    assertThat(local.authProvider()).isEqualTo(AuthProvider.LOCAL_KUBECTL_PROXY);
    assertThat(local.locatorType()).isEqualTo("localKubectlProxy");
    assertThat(config.listenHost()).isEqualTo("127.0.0.1");
    assertThat(config.listenPort()).isEqualTo(7007);
    assertThat(config.mountPath()).isEqualTo("/api/kubernetes/proxy");
    assertThat(config.profile()).isEqualTo(Profile.BACKSTAGE_CURRENT);
    assertThat(config.duplicateNames()).isEqualTo(DuplicateNamePolicy.FIRST_MATCH);
    assertThat(config.exchangeIdleTimeout()).isEqualTo(Duration.ZERO);
    assertThat(config.connectionIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void readsTheProxySection() {
    ProxyConfig config =
        parse(
            oneCluster("")
                + """
                proxy:
                  listen:
                    host: 0.0.0.0
                    port: 0
                  mountPath: /k8s/proxy/
                  profile: backstage-1.9
                  duplicateNames: reject
                  connectionIdleTimeoutMs: 500
                  exchangeIdleTimeoutMs: 60000
                  requestHeadTimeoutMs: 10000
                  maxConnectionsPerCluster: 100
                  maxQueuedRequestsPerCluster: 10
                  maxResponseHeadBytes: 65536
                  maxBufferedRequestBodyBytes: 0
                  requestBodyBufferPoolBytes: 1048576
                """);

    assertThat(config.listenHost()).isEqualTo("0.0.0.0");
    assertThat(config.listenPort()).isZero();
    assertThat(config.mountPath()).isEqualTo("/k8s/proxy");
    assertThat(config.profile()).isEqualTo(Profile.BACKSTAGE_1_9);
    assertThat(config.duplicateNames()).isEqualTo(DuplicateNamePolicy.REJECT);
    assertThat(config.connectionIdleTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.exchangeIdleTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.limits())
        .isEqualTo(new ProxyLimits(Duration.ofSeconds(10), 100, 10, 65536, 0, 1 << 20));
    assertThat(config.accessLog()).isEqualTo(AccessLogSettings.DEFAULTS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          '{}'                                  | STDERR |             | combined
          '{path: stderr, format: common}'      | STDERR |             | common
          '{path: "-"}'                         | STDERR |             | combined
          '{path: log}'                         | LOG    |             | combined
          '{path: off}'                         | OFF    |             | combined
          '{path: logs/access.log}'             | FILE   | logs/access.log | combined
          '{format: "%a %s"}'                   | STDERR |             | %a %s
          """)
  void readsTheAccessLogSettings(
      String section, AccessLogSettings.Destination destination, String file, String format) {
    AccessLogSettings settings =
        parse(oneCluster("") + "proxy:\n  accessLog: " + section + "\n").accessLog();

    assertThat(settings.destination()).isEqualTo(destination);
    assertThat(settings.file()).isEqualTo(Optional.ofNullable(file).map(Path::of));
    assertThat(settings.format())
        .isEqualTo(
            switch (format) {
              case "combined" -> AccessLogSettings.COMBINED_FORMAT;
              case "common" -> AccessLogSettings.COMMON_FORMAT;
              default -> format;
            });
  }

  @Test
  void substitutesEnvironmentVariablesAndKeepsEscapedOnes() {
    ProxyConfig config =
        ConfigLoader.parse(
            """
            kubernetes:
              clusterLocatorMethods:
                - type: config
                  clusters:
                    - name: ${NAME}
                      url: http://127.0.0.1:${PORT}
                      authProvider: serviceAccount
                      serviceAccountToken: $${NOT_A_VAR}-${TOKEN}
            proxy:
              listen:
                port: ${PORT}
            """,
            Map.of("NAME", "alpha", "PORT", "27101", "TOKEN", "t0k"),
            dir);

    ClusterConfig alpha = config.clusters().get(0);
    assertThat(alpha.name()).isEqualTo("alpha");
    assertThat(alpha.url().port()).isEqualTo(27101);
    assertThat(alpha.serviceAccountToken()).contains("${NOT_A_VAR}-t0k");
    assertThat(config.listenPort()).isEqualTo(27101);
  }

  @Test
  void aMissingEnvironmentVariableNamesTheKeyPath() {
    assertThatThrownBy(() -> parse(oneCluster("  serviceAccountToken: ${SA_TOKEN}")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "kubernetes.clusterLocatorMethods[0].clusters[0].serviceAccountToken:"
                + " environment variable 'SA_TOKEN' is not set");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          missing url       | url                     | kubernetes.clusterLocatorMethods[1].clusters[0].url: missing
          missing name      | name                    | kubernetes.clusterLocatorMethods[1].clusters[0].name: missing
          missing provider  | authProvider            | kubernetes.clusterLocatorMethods[1].clusters[0].authProvider: missing
          """)
  void aMissingClusterKeyNamesItsPath(String title, String dropped, String message) {
    String secondLocator =
        "    - type: config\n      clusters:\n"
            + clusterEntry(
                    withOverride(
                        List.of(
                            "name: beta", "url: http://127.0.0.1:27102", "authProvider: google"),
                        dropped,
                        null))
                .indent(8);
    assertThatThrownBy(() -> parse(oneCluster("") + secondLocator))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bad url           | url: 'ftp://x'               | kubernetes.clusterLocatorMethods[0].clusters[1].url: must be an absolute http or https URL with a host
          relative url      | url: /k8s                    | kubernetes.clusterLocatorMethods[0].clusters[1].url: must be an absolute http or https URL with a host
          empty name        | name: ''                     | kubernetes.clusterLocatorMethods[0].clusters[1].name: must not be empty
          aws provider      | authProvider: aws            | kubernetes.clusterLocatorMethods[0].clusters[1].authProvider: unsupported authProvider 'aws' (supported: serviceAccount, google, oidc, aks, localKubectlProxy)
          oidc w/o provider | authProvider: oidc           | kubernetes.clusterLocatorMethods[0].clusters[1].oidcTokenProvider: missing (required for authProvider oidc)
          bad caData        | caData: bm90IGEgY2VydA==     | kubernetes.clusterLocatorMethods[0].clusters[1].caData: must be base64 of a PEM certificate
          bad skipTLSVerify | skipTLSVerify: maybe         | kubernetes.clusterLocatorMethods[0].clusters[1].skipTLSVerify: must be true or false
          numeric token     | serviceAccountToken: 12345   | kubernetes.clusterLocatorMethods[0].clusters[1].serviceAccountToken: must be a string
          """)
  void aBadClusterValueNamesItsPath(String title, String override, String message) {
    String key = override.substring(0, override.indexOf(':'));
    List<String> lines =
        withOverride(
            List.of("name: beta", "url: http://127.0.0.1:27102", "authProvider: serviceAccount"),
            key,
            override);
    assertThatThrownBy(() -> parse(oneCluster(clusterEntry(lines))))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  /** The lines without the one for {@code key}, plus {@code replacement} when not null. */
  private static List<String> withOverride(List<String> lines, String key, String replacement) {
    List<String> result = new ArrayList<>();
    lines.stream().filter(line -> !line.startsWith(key + ":")).forEach(result::add);
    if (replacement != null) {
      result.add(replacement);
    }
    return result;
  }

  /** A YAML sequence entry made of {@code lines}. */
  private static String clusterEntry(List<String> lines) {
    return "- " + String.join("\n  ", lines) + "\n";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown profile    | profile: backstage-2.0     | proxy.profile: unknown profile 'backstage-2.0' (supported: backstage-current, backstage-1.9)
          unknown policy     | duplicateNames: random     | proxy.duplicateNames: unknown policy 'random' (supported: first-match, reject)
          bad mount          | mountPath: api/proxy       | proxy.mountPath: must be a path such as /api/kubernetes/proxy
          dot mount          | mountPath: /api/../proxy   | proxy.mountPath: must be a path such as /api/kubernetes/proxy
          unknown key        | listn: 1                   | proxy.listn: unknown key (known: listen, mountPath, profile, duplicateNames, connectionIdleTimeoutMs, exchangeIdleTimeoutMs, requestHeadTimeoutMs, maxConnectionsPerCluster, maxQueuedRequestsPerCluster, maxResponseHeadBytes, maxBufferedRequestBodyBytes, requestBodyBufferPoolBytes, accessLog)
          unknown log key    | 'accessLog: {file: a.log}' | proxy.accessLog.file: unknown key (known: path, format)
          empty log path     | 'accessLog: {path: ""}'    | proxy.accessLog.path: must be stderr, log, off or a file
          bad port           | 'listen: {port: 70000}'    | proxy.listen.port: must be between 0 and 65535
          text port          | 'listen: {port: seven}'    | proxy.listen.port: must be a whole number
          negative timeout   | exchangeIdleTimeoutMs: -1  | proxy.exchangeIdleTimeoutMs: must be between 0 and 9223372036854775807
          no queue           | maxQueuedRequestsPerCluster: 0 | proxy.maxQueuedRequestsPerCluster: must be between 1 and 2147483647
          tiny head limit    | maxResponseHeadBytes: 100  | proxy.maxResponseHeadBytes: must be between 1024 and 67108864
          """)
  void aBadProxySettingNamesItsPath(String title, String line, String message) {
    String yaml = oneCluster("") + "proxy:\n  " + line + "\n";
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void rejectsUnknownAndUnsupportedLocatorTypes() {
    assertThatThrownBy(() -> parse("kubernetes:\n  clusterLocatorMethods:\n    - type: magic\n"))
        .hasMessage(
            "kubernetes.clusterLocatorMethods[0].type: unknown locator type 'magic'"
                + " (supported: config, localKubectlProxy)");
    assertThatThrownBy(() -> parse("kubernetes:\n  clusterLocatorMethods:\n    - type: catalog\n"))
        .hasMessage(
            "kubernetes.clusterLocatorMethods[0].type: unsupported locator type 'catalog'"
                + " (supported: config, localKubectlProxy)");
    assertThatThrownBy(() -> parse("kubernetes:\n  clusterLocatorMethods:\n    - type: config\n"))
        .hasMessage("kubernetes.clusterLocatorMethods[0].clusters: missing");
  }

  @Test
  void rejectsMalformedOrEmptyDocuments() {
    assertThatThrownBy(() -> parse("kubernetes: [unclosed\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("(document): malformed YAML: ");
    assertThatThrownBy(() -> parse("")).hasMessage("kubernetes.clusterLocatorMethods: missing");
    assertThatThrownBy(() -> parse("- a list\n")).hasMessage("(document): must be a mapping");
    assertThatThrownBy(() -> parse("kubernetes: 3\n")).hasMessage("kubernetes: must be a mapping");
  }

  @Test
  void acceptsAnEmptyLocatorList() {
    assertThat(parse("kubernetes:\n  clusterLocatorMethods: []\n").clusters()).isEmpty();
  }

  @Test
  void readsCaDataAndARelativeCaFileThatWinsOverCaData() throws Exception {
    TestCertificateAuthority dataCa = TestCertificateAuthority.create("data-ca");
    TestCertificateAuthority fileCa = TestCertificateAuthority.create("file-ca");
    Files.createDirectories(dir.resolve("certs"));
    Files.writeString(dir.resolve("certs/ca.pem"), fileCa.certificatePem());

    ProxyConfig config =
        parse(
            oneCluster(
                """
                  caData: %s
                - name: filed
                  url: https://127.0.0.1:27112
                  authProvider: serviceAccount
                  caData: bm90IGEgY2VydA==
                  caFile: certs/ca.pem
                """
                    .formatted(dataCa.caData())));

    assertThat(config.clusters().get(0).trustedCertificates())
        .containsExactly(dataCa.certificate());
    assertThat(config.clusters().get(1).trustedCertificates())
        .containsExactly(fileCa.certificate());
  }

  @Test
  void anUnreadableCaFileIsAConfigError() {
    assertThatThrownBy(() -> parse(oneCluster("  caFile: missing/ca.pem")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "kubernetes.clusterLocatorMethods[0].clusters[0].caFile: cannot read "
                + dir.resolve("missing/ca.pem").toAbsolutePath()
                + " (NoSuchFileException)");
  }

  @Test
  void aDuplicateNameInsideOneLocatorIsRejectedOnlyInTheCurrentProfile() {
    String yaml =
        oneCluster(
            """
            - name: alpha
              url: http://127.0.0.1:27102
              authProvider: serviceAccount
            """);

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "kubernetes.clusterLocatorMethods[0].clusters[1].name: Duplicate cluster name 'alpha'");
    assertThat(parse(yaml + "proxy:\n  profile: backstage-1.9\n").clusters()).hasSize(2);
  }

  @Test
  void aDuplicateNameAcrossLocatorsIsAccepted() {
    String yaml =
        oneCluster("")
            + """
                - type: config
                  clusters:
                    - name: alpha
                      url: http://127.0.0.1:27102
                      authProvider: serviceAccount
            """;
    assertThat(parse(yaml).clusters())
        .extracting(ClusterConfig::name)
        .containsExactly("alpha", "alpha");
  }

  @Test
  void theTextFormOfAClusterNeverShowsItsToken() {
    ClusterConfig cluster =
        parse(oneCluster("  serviceAccountToken: very-secret")).clusters().get(0);
    assertThat(cluster.toString()).doesNotContain("very-secret").contains("alpha");
  }

  @Test
  void anEmptyTokenCountsAsNoToken() {
    assertThat(
            parse(oneCluster("  serviceAccountToken: ''")).clusters().get(0).serviceAccountToken())
        .isEmpty();
  }

  @Test
  void loadReadsAFileAndReportsAMissingOne() throws Exception {
    Path file = dir.resolve("app-config.yaml");
    Files.writeString(file, "kubernetes:\n  clusterLocatorMethods: []\n");
    assertThat(ConfigLoader.load(file).clusters()).isEmpty();
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(dir.resolve("nope.yaml") + ": cannot read (NoSuchFileException)");
  }
}
