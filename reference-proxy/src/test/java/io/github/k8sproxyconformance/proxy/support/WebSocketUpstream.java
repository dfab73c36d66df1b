package io.github.k8sproxyconformance.proxy.support;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;

/**
 * A cluster stand-in that accepts every WebSocket handshake on 127.0.0.1, records it, picks the
 * first offered subprotocol and echoes every data frame with its type; any other request gets an
 * empty 200. A text frame {@code close:<code>:<reason>} makes it close with that code and reason
 * instead.
 */
public final class WebSocketUpstream implements AutoCloseable {
  /** One accepted handshake: the raw target and the headers as received. */
  public record Handshake(String target, HttpFields headers) {}

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server, http());
  private final WebSocketComponents components = new WebSocketComponents();
  private final Handshaker handshaker = Handshaker.newInstance();
  private final List<Handshake> handshakes = new CopyOnWriteArrayList<>();
  private volatile int refuseWith;

  private WebSocketUpstream() {}

  /** Starts an echo upstream on a free port. */
  public static WebSocketUpstream start() throws Exception {
    WebSocketUpstream upstream = new WebSocketUpstream();
    upstream.connector.setHost("127.0.0.1");
    upstream.server.addConnector(upstream.connector);
    upstream.server.addBean(upstream.components);
    upstream.server.setHandler(upstream.new Upgrader());
    upstream.server.start();
    return upstream;
  }

  private static HttpConnectionFactory http() {
    HttpConfiguration http = new HttpConfiguration();
    http.setUriCompliance(UriCompliance.UNSAFE);
    return new HttpConnectionFactory(http);
  }

  public int port() {
    return connector.getLocalPort();
  }

  public List<Handshake> handshakes() {
    return List.copyOf(handshakes);
  }

  /** Answers every later handshake with {@code status} and no upgrade. */
  public void refuseWith(int status) {
    refuseWith = status;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private final class Upgrader extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      handshakes.add(
          new Handshake(
              request.getHttpURI().getPathQuery(), HttpFields.build(request.getHeaders())));
      if (refuseWith > 0 || !handshaker.isWebSocketUpgradeRequest(request)) {
        response.setStatus(refuseWith > 0 ? refuseWith : 200);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
        return true;
      }
      return handshaker.upgradeRequest(
          (upgradeRequest, upgradeResponse, upgradeCallback) -> {
            List<String> offered = upgradeRequest.getSubProtocols();
            if (!offered.isEmpty()) {
              upgradeResponse.setAcceptedSubProtocol(offered.get(0));
            }
            return new Echo();
          },
          request,
          response,
          callback,
          components,
          configuration -> {});
    }
  }

  private static final class Echo implements FrameHandler {
    private volatile CoreSession session;

    @Override
    public void onOpen(CoreSession session, Callback callback) {
      this.session = session;
      // a frame whose bytes arrive in two reads is echoed whole, not as two fragments
      session.setAutoFragment(false);
      callback.succeeded();
      session.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
      if (!frame.isDataFrame()) {
        callback.succeeded();
        if (frame.getOpCode() != OpCode.CLOSE) {
          session.demand();
        }
        return;
      }
      if (frame.getOpCode() == OpCode.TEXT && frame.getPayloadAsUTF8().startsWith("close:")) {
        String[] parts = frame.getPayloadAsUTF8().split(":", 3);
        callback.succeeded();
        session.close(Integer.parseInt(parts[1]), parts[2], Callback.NOOP);
        return;
      }
      ByteBuffer payload = frame.getPayload();
      session.sendFrame(
          new Frame(frame.getOpCode(), frame.isFin(), payload),
          Callback.from(
              () -> {
                callback.succeeded();
                session.demand();
              },
              callback::failed),
          false);
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
      callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
      callback.succeeded();
    }
  }
}
