package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.CredentialPolicy.Credential;
import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.proxy.config.ClusterUrl;
import io.github.k8sproxyconformance.proxy.config.ProxyLimits;
import io.github.k8sproxyconformance.proxy.tls.ClusterTls;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.UpgradeProtocolHandler;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards requests to one cluster over its own {@link HttpClient}.
 *
 * <p>One handler per cluster gives each cluster its own TLS trust and its own pool of kept-alive
 * connections. Legs are named as in Jetty: C2P client to proxy, P2S proxy to server (the cluster),
 * S2P and P2C back. Hop-by-hop headers are dropped by Jetty in both directions; this class adds the
 * Backstage rules: Host names the cluster, no Via/Forwarded is added, credentials follow the {@link
 * ProxyExchange}, and an upstream failure is answered with Backstage's 500 envelope, never 502/504.
 */
final class ClusterProxyHandler extends ProxyHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterProxyHandler.class);
  private static final long CONNECT_TIMEOUT_MS = 10_000;

  /**
   * Every request head the server accepts must fit on the way to the cluster, with the token this
   * proxy adds; Jetty's default of 4 KiB failed long label selectors with a 500.
   */
  private static final int REQUEST_BUFFER_SIZE = 2 * ReferenceProxyServer.REQUEST_HEADER_SIZE;

  private final ClusterConfig cluster;
  private final URI origin;
  private final HttpURI originUri;
  private final HttpField hostField;
  private final Duration connectionIdleTimeout;
  private final Duration exchangeIdleTimeout;
  private final ProxyLimits limits;
  private final PoolShards shards;
  private final RequestBodyBuffering bodyBuffering;
  private final WebSocketComponents webSocketComponents;
  private WebSocketCoreClient webSocketClient;
  private WebSocketRelay webSocketRelay;

  ClusterProxyHandler(
      ClusterConfig cluster,
      Duration connectionIdleTimeout,
      Duration exchangeIdleTimeout,
      ProxyLimits limits,
      RequestBodyBuffering bodyBuffering,
      WebSocketComponents webSocketComponents) {
    this.cluster = cluster;
    ClusterUrl url = cluster.url();
    this.originUri = HttpURI.from(url.scheme(), url.host(), url.port(), null);
    this.origin = originUri.toURI();
    this.hostField = new HttpField(HttpHeader.HOST, url.hostHeader());
    this.connectionIdleTimeout = connectionIdleTimeout;
    this.exchangeIdleTimeout = exchangeIdleTimeout;
    this.limits = limits;
    this.shards = new PoolShards(limits);
    this.bodyBuffering = bodyBuffering;
    this.webSocketComponents = webSocketComponents;
    setUseServerThreadPool(true);
  }

  /**
   * The WebSocket client shares the HTTP client, hence its TLS settings and connect timeout.
   * ProxyHandler's start replaces the client's protocol handlers; the one for 101 is put back, as
   * only WebSocket handshakes, never proxied HTTP requests, carry an Upgrade to the cluster, and
   * unsolicited interim responses are skipped.
   */
  @Override
  protected void doStart() throws Exception {
    super.doStart();
    getHttpClient().getProtocolHandlers().put(new UpgradeProtocolHandler());
    getHttpClient().getProtocolHandlers().put(new UnsolicitedInterimResponses());
    webSocketClient = new WebSocketCoreClient(getHttpClient(), webSocketComponents);
    webSocketClient.start();
    webSocketRelay =
        new WebSocketRelay(cluster, webSocketClient, webSocketComponents, exchangeIdleTimeout);
  }

  @Override
  protected void doStop() throws Exception {
    webSocketClient.stop();
    super.doStop();
  }

  /**
   * Answers an expectation here ({@link ExpectationAnsweredHere}) and reads the body before the
   * request takes a cluster connection ({@link RequestBodyBuffering}).
   */
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Request forwarded = ExpectationAnsweredHere.withoutExpectation(request);
    if (!bodyBuffering.readsFirst(forwarded)) {
      return super.handle(forwarded, response, callback);
    }
    bodyBuffering.readThenForward(
        forwarded,
        callback,
        (complete, completion) -> super.handle(complete, response, completion),
        broken ->
            ExchangeFailures.bodyUnreadable(
                requestId(request), request, response, callback, broken));
    return true;
  }

  /** The relay for WebSocket upgrades to this cluster; valid while started. */
  WebSocketRelay webSocketRelay() {
    return webSocketRelay;
  }

  /**
   * Creates the client here, not via setHttpClient, so ProxyHandler still tunes it on start.
   *
   * <p>The cluster's response is relayed by callbacks that only write to the client without
   * waiting, so the client's transport is declared non-blocking: each response is passed on by the
   * thread that read it, without a handoff to another thread per request.
   *
   * <p>The server side is non-blocking too ({@link ProxyEndpointHandler#getInvocationType}), which
   * needs {@link OneFillerHttpConnection} for a Jetty race after unparsable requests.
   */
  @Override
  protected HttpClient newHttpClient() {
    ClientConnector connector = new ClientConnector();
    if (cluster.url().isHttps()) {
      connector.setSslContextFactory(ClusterTls.sslContextFactory(cluster));
    }
    ShardedTransport transport = new ShardedTransport(connector, shards.count());
    transport.setInvocationType(InvocationType.NON_BLOCKING);
    return new HttpClient(transport);
  }

  @Override
  protected void configureHttpClient(HttpClient httpClient) {
    super.configureHttpClient(httpClient);
    httpClient.setName("proxy->cluster " + cluster.name());
    httpClient.setUserAgentField(null);
    // a body without Content-Type must reach the cluster without one, not as octet-stream
    httpClient.setDefaultRequestContentType(null);
    httpClient.setConnectTimeout(CONNECT_TIMEOUT_MS);
    httpClient.setIdleTimeout(connectionIdleTimeout.toMillis());
    // watches and slow callers hold a connection each: see docs/reliability.md for the sizes
    shards.configure(httpClient);
    // without a bound, a cluster sending header lines for ever fills the heap
    httpClient.setMaxResponseHeadersSize(limits.maxResponseHeadBytes());
    httpClient.setRequestBufferSize(REQUEST_BUFFER_SIZE);
  }

  /**
   * The cluster's origin, the same for every request: ProxyHandler only hands it on to {@link
   * #newProxyToServerRequest}, which takes the target from the exchange.
   */
  @Override
  protected HttpURI rewriteHttpURI(Request clientToProxyRequest) {
    return originUri;
  }

  /** A {@link RawTargetRequest}: the target goes to the cluster byte for byte, and unparsed. */
  @Override
  protected org.eclipse.jetty.client.Request newProxyToServerRequest(
      Request clientToProxyRequest, HttpURI newHttpURI) {
    String target = ProxyExchange.of(clientToProxyRequest).targetPathAndQuery();
    return shards.assign(
        new RawTargetRequest(getHttpClient(), origin, target)
            .method(clientToProxyRequest.getMethod())
            .idleTimeout(exchangeIdleTimeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  /**
   * Copies the caller's headers in one pass, as ProxyHandler would, with Backstage's rules: Host
   * names the cluster (in the caller's Host position), and credentials follow the exchange.
   * ProxyHandler's own copy makes a lambda per header and a set of names per request.
   */
  @Override
  protected void copyRequestHeaders(
      Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
    HttpFields caller = clientToProxyRequest.getHeaders();
    Credential credential = ProxyExchange.of(clientToProxyRequest).credential();
    proxyToServerRequest.headers(
        upstream -> ClusterRequestHeaders.copy(caller, upstream, hostField, credential));
  }

  /** Backstage adds neither Via nor Forwarded nor X-Forwarded-*. */
  @Override
  protected void addProxyHeaders(
      Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {}

  /**
   * Marks the end of the request body, so {@link ClientGoneProbe} knows it may read, and a body the
   * client broke, so the failure is not blamed on the cluster.
   */
  @Override
  protected org.eclipse.jetty.client.Request.Content newProxyToServerRequestContent(
      Request clientToProxyRequest,
      Response proxyToClientResponse,
      org.eclipse.jetty.client.Request proxyToServerRequest) {
    return new ProxyRequestContent(clientToProxyRequest) {
      @Override
      public Content.Chunk read() {
        Content.Chunk chunk = super.read();
        if (chunk != null && chunk.isLast()) {
          clientToProxyRequest.setAttribute(ClientGoneProbe.BODY_READ, Boolean.TRUE);
        }
        if (Content.Chunk.isFailure(chunk)) {
          clientToProxyRequest.setAttribute(
              ExchangeFailures.CLIENT_BODY_FAILURE, chunk.getFailure());
        }
        return chunk;
      }
    };
  }

  /**
   * A quiet exchange (a watch between events) must not be cut on the client leg either; but when
   * its client has gone, the cluster connection is released rather than held for ever.
   */
  @Override
  protected void sendProxyToServerRequest(
      Request clientToProxyRequest,
      org.eclipse.jetty.client.Request proxyToServerRequest,
      Response proxyToClientResponse,
      Callback proxyToClientCallback) {
    clientToProxyRequest.addIdleTimeoutListener(
        timeout -> {
          if (ClientGoneProbe.clientGone(clientToProxyRequest)) {
            LOG.info(
                "{} client->proxy closed while waiting for cluster '{}'; releasing proxy->cluster",
                requestId(clientToProxyRequest),
                cluster.name());
            proxyToServerRequest.abort(new ClientGoneProbe.ClientGone());
          }
          return false;
        });
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} client->proxy {} {} => proxy->cluster '{}' {}",
          requestId(clientToProxyRequest),
          clientToProxyRequest.getMethod(),
          clientToProxyRequest.getHttpURI().getPath(),
          cluster.name(),
          cluster.url());
    }
    super.sendProxyToServerRequest(
        clientToProxyRequest, proxyToServerRequest, proxyToClientResponse, proxyToClientCallback);
  }

  /** See {@link ExchangeFailures#answer}. */
  @Override
  protected void onServerToProxyResponseFailure(
      Request clientToProxyRequest,
      org.eclipse.jetty.client.Request proxyToServerRequest,
      org.eclipse.jetty.client.Response serverToProxyResponse,
      Response proxyToClientResponse,
      Callback proxyToClientCallback,
      Throwable failure) {
    ExchangeFailures.answer(
        cluster,
        requestId(clientToProxyRequest),
        clientToProxyRequest,
        proxyToClientResponse,
        proxyToClientCallback,
        failure);
  }
}
