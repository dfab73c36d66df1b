package io.github.k8sproxyconformance.proxy.support;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/** A WebSocket client for tests: collects what arrives, every wait bounded by a timeout. */
public final class WebSocketTestClient implements AutoCloseable {
  private final WebSocketCoreClient client = new WebSocketCoreClient();

  public WebSocketTestClient() throws Exception {
    client.start();
  }

  /** Opens a session to {@code uri} offering {@code subprotocols} with extra {@code headers}. */
  public Session connect(URI uri, List<String> subprotocols, Map<String, String> headers)
      throws Exception {
    Session session = new Session();
    CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(client, uri, session);
    request.setSubProtocols(subprotocols);
    request.headers(fields -> headers.forEach(fields::put));
    client.connect(request).get(20, TimeUnit.SECONDS);
    return session;
  }

  @Override
  public void close() throws Exception {
    client.stop();
  }

  /** One open WebSocket; data frames are kept as copies in arrival order. */
  public static final class Session implements FrameHandler {
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseStatus> peerClose = new CompletableFuture<>();
    private volatile CoreSession session;

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
      this.session = coreSession;
      // a frame whose bytes arrive in two reads must reach the test whole, as the proxy sent it
      coreSession.setAutoFragment(false);
      callback.succeeded();
      coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
      if (frame.getOpCode() == OpCode.CLOSE) {
        peerClose.complete(CloseStatus.getCloseStatus(frame));
        callback.succeeded();
        return;
      }
      if (frame.isDataFrame()) {
        byte[] payload = frame.hasPayload() ? BufferUtil.toArray(frame.getPayload()) : new byte[0];
        frames.add(new Frame(frame.getOpCode(), frame.isFin(), ByteBuffer.wrap(payload)));
      }
      callback.succeeded();
      session.demand();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
      callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
      peerClose.complete(closeStatus);
      callback.succeeded();
    }

    public String subprotocol() {
      return session.getNegotiatedSubProtocol();
    }

    /** Sends a frame without waiting; frames go out in call order. */
    public void send(byte opCode, byte[] payload, Callback callback) {
      session.sendFrame(new Frame(opCode, true, ByteBuffer.wrap(payload)), callback, false);
    }

    /** Sends a frame and waits until it is written. */
    public void send(byte opCode, byte[] payload) throws Exception {
      FutureCallback written = new FutureCallback();
      send(opCode, payload, written);
      written.get(20, TimeUnit.SECONDS);
    }

    /** The next data frame; AssertionError when none arrives in time. */
    public Frame next(Duration timeout) throws InterruptedException {
      Frame frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within " + timeout);
      }
      return frame;
    }

    public void close(int code, String reason) {
      session.close(code, reason, Callback.NOOP);
    }

    /** The close the peer sent, or how the session ended without one. */
    public CloseStatus awaitClose(Duration timeout) throws Exception {
      return peerClose.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
