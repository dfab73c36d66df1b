package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.CredentialPolicy.Credential;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The request headers a cluster receives for a proxied HTTP request: the caller's, in their order,
 * without those that describe the caller's connection and those the exchange's credential
 * withholds; Host naming the cluster; then the credential's own. Jetty's ProxyHandler would copy
 * them with a lambda per header and a set of names per request; this is one pass.
 */
final class ClusterRequestHeaders {
  /** The headers that describe one connection, never passed on: Jetty's ProxyHandler's list. */
  private static final EnumSet<HttpHeader> HOP_BY_HOP =
      EnumSet.of(
          HttpHeader.CONNECTION,
          HttpHeader.KEEP_ALIVE,
          HttpHeader.PROXY_AUTHORIZATION,
          HttpHeader.PROXY_AUTHENTICATE,
          HttpHeader.PROXY_CONNECTION,
          HttpHeader.TRANSFER_ENCODING,
          HttpHeader.TE,
          HttpHeader.TRAILER,
          HttpHeader.UPGRADE);

  private ClusterRequestHeaders() {}

  /**
   * Adds to {@code upstream} the caller's headers in their order, Host as {@code host} in the
   * caller's Host position (or last), and the credential's own.
   */
  static void copy(
      HttpFields caller, HttpFields.Mutable upstream, HttpField host, Credential credential) {
    // a header the caller names in Connection describes its connection only (RFC 9110 7.6.1)
    List<String> connectionOptions =
        caller.contains(HttpHeader.CONNECTION)
            ? caller.getCSV(HttpHeader.CONNECTION, false)
            : List.of();
    boolean hostSent = false;
    for (HttpField field : caller) {
      HttpHeader header = field.getHeader();
      if (header == HttpHeader.HOST) {
        if (!hostSent) {
          upstream.add(host);
          hostSent = true;
        }
      } else if (!HOP_BY_HOP.contains(header)
          && !isListed(connectionOptions, field)
          && !credential.withholds(field)) {
        upstream.add(field);
      }
    }
    if (!hostSent) {
      upstream.add(host);
    }
    credential.addTo(upstream);
  }

  private static boolean isListed(List<String> connectionOptions, HttpField field) {
    for (int i = 0; i < connectionOptions.size(); i++) {
      if (connectionOptions.get(i).equalsIgnoreCase(field.getName())) {
        return true;
      }
    }
    return false;
  }
}
