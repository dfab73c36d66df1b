package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.AuthProvider;
import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.proxy.config.Profile;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Decides which {@code Authorization} a cluster receives.
 *
 * <p>Backstage 1.9 forwarded the caller's own credentials and never added one. Current Backstage
 * drops the caller's {@code Authorization} and {@code Cookie} (they authenticate the caller to the
 * portal, not to the cluster), copies {@code Backstage-Kubernetes-Authorization} verbatim when it
 * is present, even empty, and otherwise asks the cluster's auth provider. Provider failures are the
 * 500 answers Backstage gives, with the same messages.
 *
 * <p>The decision is applied through {@link Credential} by the HTTP relay and the WebSocket
 * handshake alike, so the two cannot come to differ on what a cluster sees.
 */
final class CredentialPolicy {
  /** The generic token header, and the prefix of the per-provider ones. */
  static final String AUTH_HEADER = "Backstage-Kubernetes-Authorization";

  private static final String AUTH_HEADER_PREFIX = AUTH_HEADER.toLowerCase(Locale.ROOT);

  private final Profile profile;

  /**
   * The answer for each cluster that authenticates with its configured token, made once: it is the
   * same for every request that carries no token of its own.
   */
  private final Map<ClusterConfig, Credential> configuredTokens = new IdentityHashMap<>();

  CredentialPolicy(Profile profile, List<ClusterConfig> clusters) {
    this.profile = profile;
    for (ClusterConfig cluster : clusters) {
      if (cluster.authProvider() == AuthProvider.SERVICE_ACCOUNT) {
        configuredTokens.put(cluster, serviceAccount(cluster));
      }
    }
  }

  /**
   * What is done with credentials on the way to a cluster. A relay copies the caller's headers
   * without those {@link #withholds} names, then lets {@link #addTo} add the cluster's; both are
   * called per header or per request, so they allocate nothing.
   */
  sealed interface Credential permits PassThrough, Replace, Refusal {
    /** Whether the caller's header {@code field} must not reach the cluster. */
    boolean withholds(HttpField field);

    /** Adds the credential the cluster receives, if any, to the headers sent to it. */
    void addTo(HttpFields.Mutable upstream);
  }

  /** The caller's headers go to the cluster as they are (Backstage 1.9). */
  record PassThrough() implements Credential {
    @Override
    public boolean withholds(HttpField field) {
      return false;
    }

    @Override
    public void addTo(HttpFields.Mutable upstream) {}
  }

  /**
   * The caller's {@code Authorization}, {@code Cookie} and {@code
   * Backstage-Kubernetes-Authorization*} headers are dropped; {@code authorization}, when present,
   * is sent instead.
   */
  record Replace(Optional<String> authorization) implements Credential {
    @Override
    public boolean withholds(HttpField field) {
      return field.getHeader() == HttpHeader.AUTHORIZATION
          || field.getHeader() == HttpHeader.COOKIE
          || isTokenHeader(field);
    }

    @Override
    public void addTo(HttpFields.Mutable upstream) {
      if (authorization.isPresent()) {
        upstream.add(HttpHeader.AUTHORIZATION, authorization.get());
      }
    }
  }

  /** Whether a request header is one of the consumed token headers. */
  private static boolean isTokenHeader(HttpField field) {
    return field.getName().regionMatches(true, 0, AUTH_HEADER, 0, AUTH_HEADER.length());
  }

  Credential resolve(ClusterConfig cluster, HttpFields requestHeaders) {
    if (profile == Profile.BACKSTAGE_1_9) {
      return new PassThrough();
    }
    Optional<String> generic = joinedValue(requestHeaders, AUTH_HEADER_PREFIX);
    if (generic.isPresent()) {
      return new Replace(generic);
    }
    return switch (cluster.authProvider()) {
      case SERVICE_ACCOUNT -> {
        Credential configured = configuredTokens.get(cluster);
        yield configured != null ? configured : serviceAccount(cluster);
      }
      case GOOGLE ->
          bearerFrom(
              requestHeaders, "google", "Google token not found under auth.google in request body");
      case OIDC -> {
        String provider = cluster.oidcTokenProvider().orElseThrow();
        yield bearerFrom(
            requestHeaders,
            "oidc-" + provider,
            "Auth token not found under oidc." + provider + " in request body");
      }
      case AKS -> new Replace(providerToken(requestHeaders, "aks").map(token -> "Bearer " + token));
      case LOCAL_KUBECTL_PROXY -> new Replace(Optional.empty());
    };
  }

  private static Credential serviceAccount(ClusterConfig cluster) {
    return cluster
        .serviceAccountToken()
        .<Credential>map(token -> new Replace(Optional.of("Bearer " + token)))
        .orElseGet(
            () ->
                new Refusal(
                    ErrorEnvelope.serverError(
                        "Cluster '"
                            + cluster.name()
                            + "' has authProvider serviceAccount but no serviceAccountToken"
                            + " configured")));
  }

  private static Credential bearerFrom(HttpFields headers, String suffix, String missingMessage) {
    return providerToken(headers, suffix)
        .<Credential>map(token -> new Replace(Optional.of("Bearer " + token)))
        .orElseGet(() -> new Refusal(ErrorEnvelope.serverError(missingMessage)));
  }

  /**
   * The non-empty token of {@code Backstage-Kubernetes-Authorization-<suffix>}. Backstage
   * lower-cases the header name and compares it with the configured provider name as written.
   */
  private static Optional<String> providerToken(HttpFields headers, String suffix) {
    return joinedValue(headers, AUTH_HEADER_PREFIX + "-" + suffix).filter(v -> !v.isEmpty());
  }

  /** The values of every line of the header whose lower-cased name is {@code lowerCaseName}. */
  private static Optional<String> joinedValue(HttpFields headers, String lowerCaseName) {
    StringBuilder joined = null;
    for (HttpField field : headers) {
      if (hasLowerCasedName(field, lowerCaseName)) {
        String value = field.getValue() == null ? "" : field.getValue();
        joined = joined == null ? new StringBuilder(value) : joined.append(", ").append(value);
      }
    }
    return Optional.ofNullable(joined).map(StringBuilder::toString);
  }

  /**
   * Whether the field's name, lower-cased, is {@code lowerCaseName}; compared letter by letter, as
   * lower-casing a name Jetty does not know makes a new string for every header of every request.
   */
  private static boolean hasLowerCasedName(HttpField field, String lowerCaseName) {
    String name = field.getName();
    if (name.length() != lowerCaseName.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != lowerCaseName.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
