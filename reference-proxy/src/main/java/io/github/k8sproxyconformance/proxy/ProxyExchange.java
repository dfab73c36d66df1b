package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.CredentialPolicy.Credential;
import org.eclipse.jetty.server.Request;

/**
 * What the endpoint decided for one request before handing it to its cluster's proxy handler.
 *
 * <p>Everything that can refuse a request (selection, path check, credentials) runs before a
 * connection to the cluster is opened; the cluster handler only carries out this decision.
 *
 * @param targetPathAndQuery the raw request target sent to the cluster
 * @param credential what happens to credentials on the way
 * @param originalUrl the raw client path and query, for the upstream-error envelope
 */
record ProxyExchange(String targetPathAndQuery, Credential credential, String originalUrl) {
  /** The request attribute holding the exchange. */
  static final String ATTRIBUTE = ProxyExchange.class.getName();

  /** The exchange the endpoint attached to {@code request}. */
  static ProxyExchange of(Request request) {
    return (ProxyExchange) request.getAttribute(ATTRIBUTE);
  }
}
