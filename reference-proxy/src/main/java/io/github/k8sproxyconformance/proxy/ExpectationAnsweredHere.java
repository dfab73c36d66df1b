package io.github.k8sproxyconformance.proxy;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;

/**
 * Answers a caller's {@code Expect: 100-continue} at the proxy instead of passing it to the
 * cluster.
 *
 * <p>Forwarded, the expectation makes Jetty's client hold the body until the cluster sends 100; a
 * cluster that never does (RFC 9110 lets a server skip it) kept the caller waiting for ever, and
 * the cluster connection open after the caller left, since the proxy never read the caller's
 * connection again. Here the proxy sends the caller its 100 as soon as it starts reading the body,
 * which it forwards at once; the cluster sees an ordinary request with a body. nginx does the same.
 * Backstage forwards the header but never waits for the cluster's 100 either.
 */
final class ExpectationAnsweredHere {
  private ExpectationAnsweredHere() {}

  /** {@code request} as the cluster handler sees it: without a 100-continue expectation. */
  static Request withoutExpectation(Request request) {
    HttpFields headers = request.getHeaders();
    if (!headers.contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
      return request;
    }
    HttpFields withoutExpect = HttpFields.build(headers).remove(HttpHeader.EXPECT).asImmutable();
    return new Request.Wrapper(request) {
      @Override
      public HttpFields getHeaders() {
        return withoutExpect;
      }
    };
  }
}
