package io.github.k8sproxyconformance.proxy.config;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One located cluster, as the proxy needs it to forward a request.
 *
 * @param name the name requests select it by (exact, case-sensitive)
 * @param url where requests go
 * @param authProvider how the credential sent to the cluster is obtained
 * @param serviceAccountToken the token sent for {@link AuthProvider#SERVICE_ACCOUNT}
 * @param oidcTokenProvider the provider part of the OIDC token header, for {@link
 *     AuthProvider#OIDC}
 * @param skipTlsVerify whether the cluster's certificate chain and host name go unchecked
 * @param trustedCertificates the CA certificates that replace the default trust store; empty to
 *     keep the JDK's trust store
 * @param locatorIndex the index of its entry in {@code kubernetes.clusterLocatorMethods}
 * @param locatorType the {@code type} of that entry
 */
public record ClusterConfig(
    String name,
    ClusterUrl url,
    AuthProvider authProvider,
    Optional<String> serviceAccountToken,
    Optional<String> oidcTokenProvider,
    boolean skipTlsVerify,
    List<X509Certificate> trustedCertificates,
    int locatorIndex,
    String locatorType) {

  /** Copies the certificate list so the record stays immutable. */
  public ClusterConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(authProvider, "authProvider");
    Objects.requireNonNull(serviceAccountToken, "serviceAccountToken");
    Objects.requireNonNull(oidcTokenProvider, "oidcTokenProvider");
    trustedCertificates = List.copyOf(trustedCertificates);
    Objects.requireNonNull(locatorType, "locatorType");
  }

  /** Where the cluster was configured, e.g. {@code clusterLocatorMethods[1] (config)}. */
  public String origin() {
    return "clusterLocatorMethods[" + locatorIndex + "] (" + locatorType + ")";
  }

  /** Names the cluster without its token, so a logged record never leaks a secret. */
  @Override
  public String toString() {
    return "ClusterConfig[name="
        + name
        + ", url="
        + url
        + ", authProvider="
        + authProvider.configName()
        + ", serviceAccountToken="
        + (serviceAccountToken.isPresent() ? "(set)" : "(none)")
        + ", skipTlsVerify="
        + skipTlsVerify
        + ", trustedCertificates="
        + trustedCertificates.size()
        + ", "
        + origin()
        + "]";
  }
}
