package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.CredentialPolicy.Credential;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * What the endpoint decided for one request before handing it to its cluster's proxy handler.
 *
 * <p>Everything that can refuse a request (selection, path check, credentials) runs before a
 * connection to the cluster is opened; the cluster handler only carries out this decision.
 *
 * @param targetPathAndQuery the raw request target sent to the cluster
 * @param credential what happens to credentials on the way
 * @param clientUri the caller's request URI, for the error envelopes
 */
record ProxyExchange(String targetPathAndQuery, Credential credential, HttpURI clientUri) {
  /** The raw client path and query, as error envelopes report them; made only when one is. */
  String originalUrl() {
    return TargetPath.originalUrl(clientUri);
  }

  /**
   * {@code request} carrying this exchange to the cluster handler's hooks. A wrapper, not a request
   * attribute: the first attribute of a request costs it a map of its own.
   */
  Request attachTo(Request request) {
    return new Carrier(request, this);
  }

  /** The exchange the endpoint attached to {@code request}, or to a request it wraps. */
  static ProxyExchange of(Request request) {
    return Request.as(request, Carrier.class).exchange;
  }

  private static final class Carrier extends Request.Wrapper {
    private final ProxyExchange exchange;

    Carrier(Request request, ProxyExchange exchange) {
      super(request);
      this.exchange = exchange;
    }
  }
}
