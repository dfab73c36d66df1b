package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.ClusterUrl;
import io.github.k8sproxyconformance.proxy.tls.UntrustedCertificateException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpException;

/**
 * Why the proxy could not get an answer from a cluster, in the words of Node's error codes.
 *
 * <p>Backstage reports upstream failures with Node's {@code code} ({@code ECONNREFUSED}, {@code
 * ENOTFOUND}, TLS codes...) and message; the envelope keeps that vocabulary so clients that branch
 * on it behave the same behind the reference proxy. The message names only the cluster's address
 * and fixed texts, never a library's own message.
 *
 * @param code the Node error code
 * @param message the Node-style error message
 */
record UpstreamFailure(String code, String message) {
  /** Jetty's reason for a response head longer than the client's limit. */
  private static final String HEAD_TOO_LARGE = "Response Header Bytes Too Large";

  /** Classifies {@code failure}, seen while talking to the cluster at {@code url}. */
  static UpstreamFailure of(Throwable failure, ClusterUrl url) {
    String address = url.host() + ":" + url.port();
    UntrustedCertificateException untrusted = find(failure, UntrustedCertificateException.class);
    if (untrusted != null) {
      return new UpstreamFailure(untrusted.nodeCode(), untrusted.nodeMessage());
    }
    if (find(failure, ConnectException.class) != null) {
      return new UpstreamFailure("ECONNREFUSED", "connect ECONNREFUSED " + address);
    }
    if (find(failure, UnknownHostException.class) != null
        || find(failure, UnresolvedAddressException.class) != null) {
      return new UpstreamFailure("ENOTFOUND", "getaddrinfo ENOTFOUND " + url.host());
    }
    if (find(failure, SocketTimeoutException.class) != null) {
      return new UpstreamFailure("ETIMEDOUT", "connect ETIMEDOUT " + address);
    }
    TimeoutException timeout = find(failure, TimeoutException.class);
    if (timeout != null) {
      return new UpstreamFailure("ETIMEDOUT", "read ETIMEDOUT (" + timeout.getMessage() + ")");
    }
    SSLException tls = find(failure, SSLException.class);
    if (tls != null) {
      return new UpstreamFailure("EPROTO", "write EPROTO " + tls.getMessage());
    }
    if (headTooLarge(failure)) {
      return new UpstreamFailure("HPE_HEADER_OVERFLOW", "Parse Error: Header overflow");
    }
    if (find(failure, HttpResponseException.class) != null) {
      // Jetty's message dumps its connection objects; the parser's reason is all a caller needs
      BadMessageException bad = find(failure, BadMessageException.class);
      String reason = bad != null && bad.getReason() != null ? bad.getReason() : "bad response";
      return new UpstreamFailure("EPROTO", "Parse Error: " + reason);
    }
    if (find(failure, IOException.class) != null) {
      return new UpstreamFailure("ECONNRESET", "socket hang up");
    }
    // an unforeseen failure's message is a library's (object dumps, pool states): never the
    // caller's
    return new UpstreamFailure("EPROTO", "the exchange with the cluster failed");
  }

  private static boolean headTooLarge(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpException parse && HEAD_TOO_LARGE.equals(parse.getReason())) {
        return true;
      }
    }
    return false;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
