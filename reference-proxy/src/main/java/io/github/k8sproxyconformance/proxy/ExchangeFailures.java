package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a caller is told when its exchange with a cluster fails.
 *
 * <p>Backstage answers a failed cluster leg with its 500 request-error envelope, never 502 or 504;
 * a request body the caller itself broke is the caller's error, 400; a cluster whose connections
 * and queue are all taken answers 503 with {@code Retry-After}, so clients back off and retry
 * (client-go does); and once the response has started nothing can be said any more, so the caller's
 * connection is cut and it sees a truncated response. These answers are decided here, apart from
 * the forwarding in {@link ClusterProxyHandler}, and logged under that handler's name, where
 * operators look for the exchange.
 */
final class ExchangeFailures {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterProxyHandler.class);

  /** Set on the client request when reading its body failed (cut short, bad chunking). */
  static final String CLIENT_BODY_FAILURE = ExchangeFailures.class.getName() + ".clientBodyFailure";

  private ExchangeFailures() {}

  /** Answers, or aborts, the caller's side of an exchange whose cluster side failed. */
  static void answer(
      ClusterConfig cluster,
      String id,
      Request clientToProxyRequest,
      Response proxyToClientResponse,
      Callback proxyToClientCallback,
      Throwable failure) {
    if (failure instanceof ClientGoneProbe.ClientGone) {
      proxyToClientCallback.failed(failure);
      return;
    }
    String method = clientToProxyRequest.getMethod();
    String originalUrl = ProxyExchange.of(clientToProxyRequest).originalUrl();
    if (clientToProxyRequest.getAttribute(CLIENT_BODY_FAILURE) instanceof Throwable broken
        && !proxyToClientResponse.isCommitted()) {
      bodyUnreadable(
          id, clientToProxyRequest, proxyToClientResponse, proxyToClientCallback, broken);
      return;
    }
    if (failure instanceof RejectedExecutionException && !proxyToClientResponse.isCommitted()) {
      // Jetty's message names its pool and queue state: the caller learns only that it may retry
      LOG.warn("{} proxy->cluster '{}' refused: connections and queue full", id, cluster.name());
      proxyToClientResponse.reset();
      proxyToClientResponse.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      ErrorEnvelope.clusterBusy(cluster.name())
          .write(proxyToClientResponse, proxyToClientCallback, method, originalUrl);
      return;
    }
    UpstreamFailure upstream = UpstreamFailure.of(failure, cluster.url());
    LOG.debug("{} proxy->cluster '{}' failure", id, cluster.name(), failure);
    if (proxyToClientResponse.isCommitted()) {
      LOG.warn(
          "{} proxy->cluster '{}' failed mid-response ({}: {}); aborting client->proxy",
          id,
          cluster.name(),
          upstream.code(),
          upstream.message());
      proxyToClientCallback.failed(failure);
      return;
    }
    LOG.warn(
        "{} proxy->cluster '{}' {} failed: {}: {}",
        id,
        cluster.name(),
        cluster.url(),
        upstream.code(),
        upstream.message());
    proxyToClientResponse.reset();
    ErrorEnvelope.requestError(cluster.name(), upstream)
        .write(proxyToClientResponse, proxyToClientCallback, method, originalUrl);
  }

  /** Answers a caller whose request body could not be read (cut short, bad chunking, stalled). */
  static void bodyUnreadable(
      String id,
      Request clientToProxyRequest,
      Response proxyToClientResponse,
      Callback proxyToClientCallback,
      Throwable broken) {
    String reason = broken instanceof HttpException bad ? bad.getReason() : "it ended early";
    LOG.info("{} client->proxy request body unusable: {}", id, reason);
    proxyToClientResponse.reset();
    ErrorEnvelope.inputError("Request body could not be read: " + reason)
        .write(
            proxyToClientResponse,
            proxyToClientCallback,
            clientToProxyRequest.getMethod(),
            ProxyExchange.of(clientToProxyRequest).originalUrl());
  }
}
