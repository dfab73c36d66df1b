package io.github.k8sproxyconformance.proxy.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads one entry of a {@code type: config} locator's {@code clusters} list.
 *
 * <p>Keys Backstage knows but the proxy does not need ({@code title}, {@code dashboardUrl}, {@code
 * customResources}, ...) are ignored, so a real Backstage app-config works unchanged. CA material
 * is read and parsed here, at startup, so a bad {@code caData} or unreadable {@code caFile} stops
 * the proxy instead of failing requests later.
 */
final class ClusterReader {
  private final Path baseDir;

  ClusterReader(Path baseDir) {
    this.baseDir = baseDir;
  }

  ClusterConfig read(YamlNode cluster, int locatorIndex) {
    if (cluster.keys().isEmpty()) {
      throw cluster.error("must be a mapping with at least name and url");
    }
    YamlNode nameNode = cluster.get("name");
    String name = nameNode.string();
    if (name.isBlank()) {
      throw nameNode.error("must not be empty");
    }
    YamlNode urlNode = cluster.get("url");
    ClusterUrl url =
        ClusterUrl.parse(urlNode.string())
            .orElseThrow(() -> urlNode.error("must be an absolute http or https URL with a host"));
    AuthProvider authProvider = authProvider(cluster.get("authProvider"));
    Optional<String> token = cluster.get("serviceAccountToken").optionalString();
    YamlNode oidcNode = cluster.get("oidcTokenProvider");
    Optional<String> oidcTokenProvider = oidcNode.optionalString().filter(s -> !s.isBlank());
    if (authProvider == AuthProvider.OIDC && oidcTokenProvider.isEmpty()) {
      throw oidcNode.error("missing (required for authProvider oidc)");
    }
    return new ClusterConfig(
        name,
        url,
        authProvider,
        token.filter(t -> !t.isEmpty()),
        oidcTokenProvider,
        cluster.get("skipTLSVerify").bool(false),
        trustedCertificates(cluster),
        locatorIndex,
        "config");
  }

  private static AuthProvider authProvider(YamlNode node) {
    String value = node.string();
    return AuthProvider.fromConfigName(value)
        .orElseThrow(
            () ->
                node.error(
                    "unsupported authProvider '"
                        + value
                        + "' (supported: "
                        + Arrays.stream(AuthProvider.values())
                            .map(AuthProvider::configName)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }

  /** {@code caFile} wins over {@code caData}, as in Backstage's Kubernetes client. */
  private List<X509Certificate> trustedCertificates(YamlNode cluster) {
    YamlNode caFile = cluster.get("caFile");
    Optional<String> file = caFile.optionalString().filter(s -> !s.isBlank());
    if (file.isPresent()) {
      Path path = baseDir.resolve(file.get()).toAbsolutePath().normalize();
      byte[] pem;
      try {
        pem = Files.readAllBytes(path);
      } catch (IOException e) {
        throw caFile.error("cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
      }
      return certificates(pem).orElseThrow(() -> caFile.error(path + " holds no PEM certificate"));
    }
    YamlNode caData = cluster.get("caData");
    Optional<String> data = caData.optionalString().filter(s -> !s.isBlank());
    if (data.isEmpty()) {
      return List.of();
    }
    byte[] pem;
    try {
      pem = Base64.getMimeDecoder().decode(data.get().trim());
    } catch (IllegalArgumentException e) {
      throw caData.error("must be base64 of a PEM certificate");
    }
    return certificates(pem).orElseThrow(() -> caData.error("must be base64 of a PEM certificate"));
  }

  private static Optional<List<X509Certificate>> certificates(byte[] pem) {
    try {
      List<X509Certificate> certificates = new ArrayList<>();
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      factory
          .generateCertificates(new ByteArrayInputStream(pem))
          .forEach(c -> certificates.add((X509Certificate) c));
      return certificates.isEmpty() ? Optional.empty() : Optional.of(certificates);
    } catch (CertificateException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
