package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.ClusterSelector.Selected;
import io.github.k8sproxyconformance.proxy.ClusterSelector.Selection;
import io.github.k8sproxyconformance.proxy.CredentialPolicy.Credential;
import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.proxy.config.ProxyConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy endpoint: decides which cluster a request is for, and whether it may go there, then
 * hands it to that cluster's {@link ClusterProxyHandler}.
 *
 * <p>Routing works on the raw request path, never the decoded one, so that {@code %2F} or {@code
 * %2e%2e} cannot change which mount or cluster path a request lands on. Every refusal is answered
 * here, before any connection to a cluster is opened.
 */
final class ProxyEndpointHandler extends Handler.AbstractContainer {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyEndpointHandler.class);
  private static final String HEALTH_PATH = "/healthz";

  private final ProxyConfig config;
  private final ClusterSelector selector;
  private final CredentialPolicy credentials;
  private final Map<ClusterConfig, ClusterProxyHandler> clusterHandlers = new IdentityHashMap<>();

  ProxyEndpointHandler(ProxyConfig config) {
    this.config = config;
    this.selector =
        new ClusterSelector(config.clusters(), config.profile(), config.duplicateNames());
    this.credentials = new CredentialPolicy(config.profile(), config.clusters());
    WebSocketComponents webSocketComponents = new WebSocketComponents();
    addBean(webSocketComponents, true);
    RequestBodyBuffering bodyBuffering =
        new RequestBodyBuffering(
            config.limits().maxBufferedRequestBodyBytes(),
            config.limits().requestBodyBufferPoolBytes());
    for (ClusterConfig cluster : config.clusters()) {
      ClusterProxyHandler handler =
          new ClusterProxyHandler(
              cluster,
              config.connectionIdleTimeout(),
              config.exchangeIdleTimeout(),
              config.limits(),
              bodyBuffering,
              webSocketComponents);
      clusterHandlers.put(cluster, handler);
      addBean(handler, true);
    }
  }

  @Override
  public List<Handler> getHandlers() {
    return new ArrayList<>(clusterHandlers.values());
  }

  /**
   * Non-blocking: every path through {@link #handle} answers or relays by callbacks and never
   * waits, so Jetty runs it on the thread that read the request instead of handing each request to
   * a pool thread. Jetty would otherwise take the type of the cluster handlers, which {@code
   * ProxyHandler} leaves blocking. Safe only with {@link OneFillerHttpConnection} (see there).
   */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String rawPath = request.getHttpURI().getPath();
    String query = request.getHttpURI().getQuery();
    if (HEALTH_PATH.equals(rawPath)) {
      return writeText(response, callback, 200, "ok");
    }
    Optional<String> rest = TargetPath.stripMount(config.mountPath(), rawPath);
    if (rest.isEmpty()) {
      return writeText(response, callback, 404, "");
    }
    Selection selection =
        selector.select(request.getHeaders().getValuesList(config.profile().clusterHeader()));
    if (selection instanceof Refusal refusal) {
      return refuse(refusal.envelope(), request, response, callback);
    }
    ClusterConfig cluster = ((Selected) selection).cluster();
    Optional<String> upgrade =
        UpgradeHeaders.requestedProtocol(request.getHeaders())
            .filter(protocol -> !UpgradeHeaders.mayBeIgnored(protocol));
    if (upgrade.isPresent() && !UpgradeHeaders.isWebSocket(upgrade.get())) {
      ErrorEnvelope envelope =
          ErrorEnvelope.inputError(
              "Upgrade '" + upgrade.get() + "' is not supported; only websocket is relayed");
      return refuse(envelope, request, response, callback);
    }
    if (TargetPath.climbsAbove(rest.get())) {
      ErrorEnvelope envelope =
          ErrorEnvelope.inputError(
              "Request path climbs above the path of cluster '" + cluster.name() + "'");
      return refuse(envelope, request, response, callback);
    }
    if (query != null && !TargetPath.isWellEncoded(query)) {
      ErrorEnvelope envelope = ErrorEnvelope.inputError("Malformed percent-encoding in the query");
      return refuse(envelope, request, response, callback);
    }
    Credential credential = credentials.resolve(cluster, request.getHeaders());
    if (credential instanceof Refusal refusal) {
      return refuse(refusal.envelope(), request, response, callback);
    }
    String target = TargetPath.join(cluster.url().path(), rest.get());
    ProxyExchange exchange =
        new ProxyExchange(
            query == null ? target : target + "?" + query, credential, request.getHttpURI());
    ClusterProxyHandler clusterHandler = clusterHandlers.get(cluster);
    if (upgrade.isPresent()) {
      WebSocketRelay relay = clusterHandler.webSocketRelay();
      if (!relay.isValidHandshake(request)) {
        ErrorEnvelope envelope =
            ErrorEnvelope.inputError(
                "Invalid WebSocket handshake: a GET with Sec-WebSocket-Key and"
                    + " Sec-WebSocket-Version 13 is required");
        return refuse(envelope, request, response, callback);
      }
      relay.relay(request, response, callback, exchange);
      return true;
    }
    return clusterHandler.handle(exchange.attachTo(request), response, callback);
  }

  private boolean refuse(
      ErrorEnvelope envelope, Request request, Response response, Callback callback) {
    // the access log has the status; the reason is for whoever debugs a refusal
    LOG.debug(
        "client->proxy {} {} refused: {} {}",
        request.getMethod(),
        request.getHttpURI().getPath(),
        envelope.status(),
        envelope.message());
    String url = TargetPath.routerRelativeUrl(config.mountPath(), request.getHttpURI());
    envelope.write(response, callback, request.getMethod(), url);
    return true;
  }

  private static boolean writeText(Response response, Callback callback, int status, String text) {
    response.setStatus(status);
    if (text.isEmpty()) {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
      response.write(true, BufferUtil.EMPTY_BUFFER, callback);
      return true;
    }
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
