package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.proxy.config.ClusterUrl;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.eclipse.jetty.websocket.core.exception.UpgradeException;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays WebSocket upgrades (kubectl exec, attach, port-forward) to one cluster.
 *
 * <p>The cluster is asked first, with the caller's subprotocol offer and the same target, Host and
 * credentials as plain HTTP; only when it has switched protocols is the caller's handshake
 * accepted, with the subprotocol the cluster chose. So a caller never holds an open WebSocket to a
 * cluster that refused, and a cluster that cannot be reached is reported with the same HTTP error
 * envelope as any request. Jetty's {@code ProxyHandler} cannot do this: it drops {@code Upgrade}.
 */
final class WebSocketRelay {
  /**
   * The largest frame relayed; a larger one closes the session with 1009. The bound keeps a session
   * from buffering a frame without end; Jetty's default of 64 KiB is raised so larger writes pass.
   */
  private static final long MAX_FRAME_BYTES = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketRelay.class);

  private final ClusterConfig cluster;
  private final WebSocketCoreClient client;
  private final WebSocketComponents components;
  private final Duration idleTimeout;
  private final Handshaker handshaker = Handshaker.newInstance();

  /**
   * @param client the cluster's WebSocket client, over the cluster's HTTP client and TLS settings
   * @param idleTimeout how long a quiet session stays open; zero for ever, as a quiet shell may be
   */
  WebSocketRelay(
      ClusterConfig cluster,
      WebSocketCoreClient client,
      WebSocketComponents components,
      Duration idleTimeout) {
    this.cluster = cluster;
    this.client = client;
    this.components = components;
    this.idleTimeout = idleTimeout;
  }

  /** Whether {@code request} is a handshake Jetty can accept (GET, key, version 13). */
  boolean isValidHandshake(Request request) {
    return handshaker.isWebSocketUpgradeRequest(request)
        && request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_KEY) != null;
  }

  /** Connects to the cluster, then accepts the caller's upgrade, or answers an HTTP error. */
  void relay(Request request, Response response, Callback callback, ProxyExchange exchange) {
    String description =
        request.getId()
            + " client->proxy "
            + request.getHttpURI().getPath()
            + " => cluster '"
            + cluster.name()
            + "'";
    FrameBridge bridge = new FrameBridge(description);
    CoreClientUpgradeRequest upstream;
    try {
      upstream = CoreClientUpgradeRequest.from(client, clusterUri(exchange), bridge.clusterSide());
    } catch (IllegalArgumentException e) {
      ErrorEnvelope.inputError("Request target cannot be relayed as a WebSocket: " + e.getMessage())
          .write(response, callback, request.getMethod(), exchange.originalUrl());
      return;
    }
    List<String> offered = UpgradeHeaders.offeredSubprotocols(request.getHeaders());
    upstream.setSubProtocols(offered);
    upstream.headers(
        headers ->
            UpgradeHeaders.copyForCluster(
                request.getHeaders(), headers, exchange, cluster.url().hostHeader()));
    Configuration.ConfigurationCustomizer clusterConfiguration =
        new Configuration.ConfigurationCustomizer();
    configure(clusterConfiguration);
    upstream.setConfiguration(clusterConfiguration);
    request.addIdleTimeoutListener(timeout -> false);
    try {
      client
          .connect(upstream)
          .whenComplete(
              (session, failure) -> {
                if (failure != null) {
                  answerFailure(request, response, callback, exchange, failure);
                } else {
                  acceptCaller(request, response, callback, exchange, session, bridge);
                }
              });
    } catch (Exception e) {
      answerFailure(request, response, callback, exchange, e);
    }
  }

  private void acceptCaller(
      Request request,
      Response response,
      Callback callback,
      ProxyExchange exchange,
      CoreSession clusterSession,
      FrameBridge bridge) {
    String subprotocol = clusterSession.getNegotiatedSubProtocol();
    WebSocketNegotiator negotiator =
        (upgradeRequest, upgradeResponse, upgradeCallback) -> {
          // extensions are per connection; frames pass through unchanged, so none is negotiated
          upgradeResponse.setExtensions(List.of());
          if (subprotocol != null && !subprotocol.isEmpty()) {
            upgradeResponse.setAcceptedSubProtocol(subprotocol);
          }
          return bridge.callerSide();
        };
    boolean upgraded;
    try {
      upgraded =
          handshaker.upgradeRequest(
              negotiator, request, response, callback, components, this::configure);
    } catch (Exception e) {
      LOG.warn("{} accepting the websocket failed: {}", request.getId(), e.toString());
      upgraded = false;
    }
    if (!upgraded) {
      clusterSession.close(CloseStatus.SERVER_ERROR, "caller handshake failed", Callback.NOOP);
      if (!response.isCommitted()) {
        ErrorEnvelope.inputError("Invalid WebSocket handshake")
            .write(response, callback, request.getMethod(), exchange.originalUrl());
      }
    }
  }

  /**
   * A cluster that answered without switching protocols has its status relayed (the body is not
   * available from the WebSocket client); one that could not be reached gets Backstage's 500
   * request-error envelope.
   */
  private void answerFailure(
      Request request,
      Response response,
      Callback callback,
      ProxyExchange exchange,
      Throwable failure) {
    UpgradeException refused = find(failure);
    int status = refused == null ? -1 : refused.getResponseStatusCode();
    if (status > 0 && status != 101) {
      LOG.info(
          "{} proxy->cluster '{}' refused the websocket: {}",
          request.getId(),
          cluster.name(),
          status);
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
      response.write(true, BufferUtil.EMPTY_BUFFER, callback);
      return;
    }
    UpstreamFailure upstream = UpstreamFailure.of(failure, cluster.url());
    LOG.warn(
        "{} proxy->cluster '{}' {} websocket failed: {}: {}",
        request.getId(),
        cluster.name(),
        cluster.url(),
        upstream.code(),
        upstream.message());
    ErrorEnvelope.requestError(cluster.name(), upstream)
        .write(response, callback, request.getMethod(), exchange.originalUrl());
  }

  /**
   * Frames are relayed whole: with Jetty's default auto-fragmenting, a frame whose bytes arrived in
   * two reads was passed on as two fragments, so the far side saw a frame split the sender never
   * split. A frame is therefore read whole before it is relayed, up to {@link #MAX_FRAME_BYTES}.
   */
  private void configure(Configuration configuration) {
    configuration.setIdleTimeout(idleTimeout);
    configuration.setAutoFragment(false);
    configuration.setMaxFrameSize(MAX_FRAME_BYTES);
  }

  private URI clusterUri(ProxyExchange exchange) {
    ClusterUrl url = cluster.url();
    String scheme = url.isHttps() ? "wss" : "ws";
    return URI.create(scheme + "://" + url.hostHeader() + exchange.targetPathAndQuery());
  }

  private static UpgradeException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UpgradeException upgrade) {
        return upgrade;
      }
    }
    return null;
  }
}
