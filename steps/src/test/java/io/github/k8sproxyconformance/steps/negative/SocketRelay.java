package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.testkit.upstream.LoopbackServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny HTTP relay on 127.0.0.1: one exchange per connection, request head rewritten by a rule,
 * body and response passed on byte for byte or broken on purpose.
 *
 * <p>Placed in front of the reference proxy it makes a broken proxy out of a correct one; placed
 * between the reference proxy and a cluster it changes what the cluster receives. Working on raw
 * bytes keeps everything else exactly as the reference proxy does it, so a scenario that fails
 * against it fails for the one behaviour the rule breaks. Every exchange is sent upstream with
 * {@code Connection: close}, so the end of a response is the end of the connection, except a
 * WebSocket handshake: it keeps its upgrade headers and, once switched, its connection ({@link
 * UpgradedExchange}), carried as its {@link Upgrades} say.
 */
final class SocketRelay implements AutoCloseable {

  /**
   * What one request becomes: where it goes, with which head, and whether its body follows. A
   * forward without a head is a tunnel: the client is told 200 and bytes flow both ways untouched.
   */
  record Forward(
      InetSocketAddress upstream, HttpHead head, boolean keepBody, boolean bodyAfterContinue) {

    /** A forward whose body, if kept, goes upstream at once. */
    Forward(InetSocketAddress upstream, HttpHead head, boolean keepBody) {
      this(upstream, head, keepBody, false);
    }

    /** A CONNECT tunnel to the upstream. */
    static Forward tunnel(InetSocketAddress upstream) {
      return new Forward(upstream, null, true);
    }

    /**
     * The same forward with its body held back until the upstream answers {@code 100 Continue}, and
     * dropped when it answers anything else.
     */
    Forward withBodyAfterContinue() {
      return new Forward(upstream, head, keepBody, true);
    }
  }

  /** Decides the {@link Forward} of each request from its head. */
  @FunctionalInterface
  interface RequestRule {
    Forward forward(HttpHead head);
  }

  /**
   * Opens the connection to an upstream: plain TCP, or TLS the relay sets up itself, so a relay
   * behind the reference proxy can speak TLS to a cluster in its own way.
   */
  @FunctionalInterface
  interface Upstreams {
    Socket open(InetSocketAddress upstream) throws IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(SocketRelay.class);
  private static final int TIMEOUT_MS = 30_000;

  /** Plain TCP connections. */
  static final Upstreams PLAIN =
      upstream -> {
        Socket socket = new Socket();
        try {
          socket.connect(upstream, TIMEOUT_MS);
          return socket;
        } catch (IOException e) {
          socket.close();
          throw e;
        }
      };

  private static final byte[] TUNNEL_ESTABLISHED =
      "HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final LoopbackServer server;
  private final RequestRule rule;
  private final ResponsePass responsePass;
  private final Upgrades upgrades;
  private final Upstreams upstreams;
  private final ExecutorService workers = Executors.newCachedThreadPool(SocketRelay::daemon);

  private SocketRelay(
      RequestRule rule, ResponsePass responsePass, Upgrades upgrades, Upstreams upstreams) {
    this.rule = rule;
    this.responsePass = responsePass;
    this.upgrades = upgrades;
    this.upstreams = upstreams;
    this.server = LoopbackServer.start("broken-proxy-relay", this::exchange);
  }

  /**
   * Starts a relay on a free loopback port that reaches its upstreams over plain TCP and carries
   * WebSocket upgrades correctly.
   */
  static SocketRelay start(RequestRule rule, ResponsePass responsePass) {
    return start(rule, responsePass, Upgrades.carried(), PLAIN);
  }

  /** Starts a relay on a free loopback port that treats WebSocket upgrades as told. */
  static SocketRelay start(RequestRule rule, ResponsePass responsePass, Upgrades upgrades) {
    return start(rule, responsePass, upgrades, PLAIN);
  }

  /** Starts a relay on a free loopback port that opens its upstream connections as told. */
  static SocketRelay start(RequestRule rule, ResponsePass responsePass, Upstreams upstreams) {
    return start(rule, responsePass, Upgrades.carried(), upstreams);
  }

  private static SocketRelay start(
      RequestRule rule, ResponsePass responsePass, Upgrades upgrades, Upstreams upstreams) {
    return new SocketRelay(rule, responsePass, upgrades, upstreams);
  }

  /** A rule that sends every request to the upstream with its head rewritten. */
  static RequestRule to(InetSocketAddress upstream, java.util.function.UnaryOperator<HttpHead> r) {
    return head -> new Forward(upstream, r.apply(head), true);
  }

  /** The port the relay listens on. */
  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    workers.shutdownNow();
  }

  private void exchange(Socket client) {
    try (client) {
      client.setSoTimeout(TIMEOUT_MS);
      InputStream fromClient = new BufferedInputStream(client.getInputStream());
      Forward forward = rule.forward(HttpHead.read(fromClient));
      try (Socket upstream = upstreams.open(forward.upstream())) {
        relay(client, fromClient, forward, upstream);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("relay exchange on port {} ended: {}", server.port(), e.toString());
    }
  }

  private void relay(Socket client, InputStream fromClient, Forward forward, Socket upstream)
      throws IOException {
    upstream.setSoTimeout(TIMEOUT_MS);
    OutputStream toUpstream = upstream.getOutputStream();
    if (forward.head() == null) {
      client.getOutputStream().write(TUNNEL_ESTABLISHED);
      workers.execute(() -> pumpBody(fromClient, toUpstream));
      upstream.getInputStream().transferTo(flushing(client));
      return;
    }
    if (Upgrades.isWebSocket(forward.head())) {
      new UpgradedExchange(upgrades, client, fromClient, upstream).carry(forward.head(), workers);
      return;
    }
    toUpstream.write(forward.head().replaced("Connection", "close").bytes());
    toUpstream.flush();
    InputStream fromUpstream = new BufferedInputStream(upstream.getInputStream());
    boolean bodyGoes =
        forward.keepBody() && (!forward.bodyAfterContinue() || continued(fromUpstream));
    workers.execute(() -> pumpBody(fromClient, bodyGoes ? toUpstream : null));
    responsePass.relay(fromUpstream, flushing(client));
  }

  /** Waits for the upstream's first answer: whether it is {@code 100 Continue}; nothing is read. */
  private static boolean continued(InputStream fromUpstream) throws IOException {
    byte[] status = "HTTP/1.1 100".getBytes(StandardCharsets.US_ASCII);
    fromUpstream.mark(status.length);
    byte[] start = fromUpstream.readNBytes(status.length);
    fromUpstream.reset();
    return Arrays.equals(start, status);
  }

  /** Copies the request body upstream, or reads and drops it when the rule drops bodies. */
  private static void pumpBody(InputStream fromClient, OutputStream toUpstream) {
    byte[] buffer = new byte[16 * 1024];
    try {
      for (int n = fromClient.read(buffer); n >= 0; n = fromClient.read(buffer)) {
        if (toUpstream != null) {
          toUpstream.write(buffer, 0, n);
          toUpstream.flush();
        }
      }
    } catch (IOException e) {
      // the exchange closed both sockets: the body, if any, is over
    }
  }

  /** The client's stream, flushed on every write so chunks are not held back by the relay. */
  private static OutputStream flushing(Socket client) throws IOException {
    OutputStream out = client.getOutputStream();
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        out.flush();
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        out.flush();
      }
    };
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "broken-proxy-relay");
    thread.setDaemon(true);
    return thread;
  }
}
