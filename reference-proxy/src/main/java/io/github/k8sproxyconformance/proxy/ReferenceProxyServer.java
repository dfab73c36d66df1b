package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.ProxyConfig;
import io.github.k8sproxyconformance.proxy.config.ProxyLimits;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running reference proxy: a Jetty server exposing the Backstage Kubernetes proxy endpoint for
 * the clusters of one {@link ProxyConfig}.
 *
 * <p>The conformance kit starts it in-process as the bundled target; {@link Main} runs it
 * standalone. It is fully started, or not at all, when {@link #start} returns.
 */
public final class ReferenceProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceProxyServer.class);

  /** Node's default limit; Kubernetes clients send long impersonation and token headers. */
  static final int REQUEST_HEADER_SIZE = 16 * 1024;

  /**
   * Connections the kernel may hold for the proxy to accept (capped by {@code net.core.somaxconn}).
   * Java's default of 50 dropped most of a burst of 5,000 watches (every dashboard reconnecting
   * after a restart); a dropped handshake costs its caller seconds of retransmission, or the
   * connection.
   */
  private static final int ACCEPT_QUEUE_SIZE = 4096;

  /** Room for the head lines the proxy writes differently from the cluster (framing). */
  private static final int RESPONSE_HEAD_SLACK = 1024;

  private final Server server;
  private final ServerConnector connector;
  private final ProxyConfig config;
  private final List<String> startupWarnings;

  private ReferenceProxyServer(
      Server server, ServerConnector connector, ProxyConfig config, List<String> warnings) {
    this.server = server;
    this.connector = connector;
    this.config = config;
    this.startupWarnings = warnings;
  }

  /** Starts a proxy listening on the configured host and port (0 picks a free port). */
  public static ReferenceProxyServer start(ProxyConfig config) throws Exception {
    return start(config, new ProxyEndpointHandler(config));
  }

  /**
   * The same server around another handler; for measuring what the proxy's own handler costs
   * against a bare one on the same server settings.
   */
  static ReferenceProxyServer start(ProxyConfig config, Handler handler) throws Exception {
    Server server = new Server(new ProxyThreadPool());
    ServerConnector connector =
        new ServerConnector(
            server,
            new RequestHeadDeadline(http(config.limits()), config.limits().requestHeadTimeout()));
    connector.setHost(config.listenHost());
    connector.setPort(config.listenPort());
    connector.setIdleTimeout(config.connectionIdleTimeout().toMillis());
    connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
    server.addConnector(connector);
    server.setHandler(handler);
    server.setErrorHandler(new ServerErrorHandler());
    AccessLog.of(config.accessLog()).ifPresent(server::setRequestLog);
    server.setStopAtShutdown(false);

    List<String> warnings = StartupWarnings.of(config);
    warnings.forEach(LOG::warn);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    ReferenceProxyServer proxy = new ReferenceProxyServer(server, connector, config, warnings);
    LOG.info(
        "reference proxy ({}) listening on {} for {} cluster(s)",
        config.profile().configName(),
        proxy.endpoint(),
        config.clusters().size());
    return proxy;
  }

  /**
   * The server settings: raw targets with {@code %2F}, {@code %2e} or {@code %25} must reach the
   * handler untouched, and no Date or Server header may be added to a cluster's response. Every
   * response head a cluster may send ({@link ProxyLimits#maxResponseHeadBytes}) must fit on the way
   * to the client, where Jetty's default is 8 KiB.
   */
  private static HttpConfiguration http(ProxyLimits limits) {
    HttpConfiguration http = new HttpConfiguration();
    http.setUriCompliance(UriCompliance.UNSAFE);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setSendDateHeader(false);
    http.setRequestHeaderSize(REQUEST_HEADER_SIZE);
    http.setResponseHeaderSize(limits.maxResponseHeadBytes() + RESPONSE_HEAD_SLACK);
    return http;
  }

  /** The endpoint base, e.g. {@code http://127.0.0.1:41234/api/kubernetes/proxy}. */
  public URI endpoint() {
    String host = config.listenHost();
    String authority = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + authority + ":" + connector.getLocalPort() + config.mountPath());
  }

  /** Warnings about the configuration, also logged at startup; they never contain tokens. */
  public List<String> startupWarnings() {
    return startupWarnings;
  }

  /** How Jetty runs the proxy's handler: non-blocking, by the thread that read the request. */
  InvocationType invocationType() {
    return server.getInvocationType();
  }

  /** Blocks until the server stops. */
  void join() throws InterruptedException {
    server.join();
  }

  /** Stops the server and every cluster client. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the reference proxy failed: {}", e.toString());
    }
  }
}
