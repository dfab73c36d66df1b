package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.CredentialPolicy.Credential;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Reads the protocol switch a request asks for, and builds the handshake headers the cluster
 * receives when a WebSocket is relayed.
 *
 * <p>As in Backstage, a request asks to switch when its {@code Connection} header lists the token
 * {@code upgrade} (in any case, anywhere in a comma list, so {@code keep-alive, Upgrade} counts);
 * an {@code Upgrade} header alone is an ordinary header.
 */
final class UpgradeHeaders {
  /** The only protocol the proxy relays. */
  static final String WEBSOCKET = "websocket";

  /**
   * HTTP/2 over cleartext: an optional offer that HTTP/1.1 servers may ignore (RFC 9110 section
   * 7.8), and that Java's HTTP client makes on every plain-http request by default.
   */
  private static final String H2C = "h2c";

  /**
   * Headers the WebSocket client writes itself for its own handshake with the cluster, or that
   * concern only the caller's connection; the caller's values must not reach the cluster.
   */
  private static final Set<String> HANDSHAKE_OWN =
      Set.of(
          "host",
          "connection",
          "upgrade",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "content-length",
          "sec-websocket-key",
          "sec-websocket-version",
          "sec-websocket-protocol",
          "sec-websocket-extensions",
          "sec-websocket-accept");

  private UpgradeHeaders() {}

  /** The requested {@code Upgrade} value when {@code Connection} lists {@code upgrade}. */
  static Optional<String> requestedProtocol(HttpFields headers) {
    if (!headers.contains(HttpHeader.UPGRADE)) {
      return Optional.empty(); // the common case, answered without parsing Connection
    }
    boolean connectionUpgrade =
        headers.getValuesList(HttpHeader.CONNECTION).stream()
            .flatMap(value -> Arrays.stream(value.split(",")))
            .anyMatch(token -> token.trim().equalsIgnoreCase("upgrade"));
    if (!connectionUpgrade) {
      return Optional.empty();
    }
    String protocol = String.join(", ", headers.getValuesList(HttpHeader.UPGRADE)).trim();
    return protocol.isEmpty() ? Optional.empty() : Optional.of(protocol);
  }

  /** Whether {@code protocol}, a requested {@code Upgrade} value, is WebSocket. */
  static boolean isWebSocket(String protocol) {
    return protocol.equalsIgnoreCase(WEBSOCKET);
  }

  /**
   * Whether the request may be served as plain HTTP/1.1 instead, which a caller that offers {@code
   * protocol} accepts: true for h2c only. Any other protocol (SPDY for classic kubectl exec) needs
   * the switch, so serving it as plain HTTP would leave the caller with half a session.
   */
  static boolean mayBeIgnored(String protocol) {
    return protocol.equalsIgnoreCase(H2C);
  }

  /** The subprotocols the caller offers, in its order of preference. */
  static List<String> offeredSubprotocols(HttpFields headers) {
    return headers.getValuesList(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL).stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(String::trim)
        .filter(token -> !token.isEmpty())
        .toList();
  }

  /**
   * Copies the caller's end-to-end headers into {@code upstream}, with the credential rewrite of
   * plain HTTP, and names the cluster in {@code Host}.
   */
  static void copyForCluster(
      HttpFields caller, HttpFields.Mutable upstream, ProxyExchange exchange, String hostHeader) {
    Credential credential = exchange.credential();
    for (HttpField field : caller) {
      if (!HANDSHAKE_OWN.contains(field.getLowerCaseName()) && !credential.withholds(field)) {
        upstream.add(field);
      }
    }
    credential.addTo(upstream);
    upstream.put(HttpHeader.HOST, hostHeader);
  }
}
