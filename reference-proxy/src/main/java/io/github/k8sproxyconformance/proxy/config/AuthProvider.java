package io.github.k8sproxyconformance.proxy.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the proxy obtains the credential it sends to a cluster, named as in Backstage's {@code
 * authProvider} cluster key.
 *
 * <p>Only the providers that work without a cloud SDK are supported; the others Backstage knows
 * ({@code aws}, {@code azure}, {@code googleServiceAccount}) are rejected at startup rather than
 * silently sending requests without a token.
 */
public enum AuthProvider {
  /** The configured {@code serviceAccountToken}, as {@code Bearer <token>}. */
  SERVICE_ACCOUNT("serviceAccount"),
  /** The caller's Google token from {@code Backstage-Kubernetes-Authorization-google}. */
  GOOGLE("google"),
  /** The caller's token from {@code Backstage-Kubernetes-Authorization-oidc-<provider>}. */
  OIDC("oidc"),
  /** The caller's token from {@code Backstage-Kubernetes-Authorization-aks}, else anonymous. */
  AKS("aks"),
  /** No credential: a {@code kubectl proxy} adds its own. */
  LOCAL_KUBECTL_PROXY("localKubectlProxy");

  private final String configName;

  AuthProvider(String configName) {
    this.configName = configName;
  }

  /** The {@code authProvider} value naming this provider. */
  public String configName() {
    return configName;
  }

  /** The provider whose {@link #configName()} is {@code value}, if any. */
  public static Optional<AuthProvider> fromConfigName(String value) {
    return Arrays.stream(values()).filter(p -> p.configName.equals(value)).findFirst();
  }
}
