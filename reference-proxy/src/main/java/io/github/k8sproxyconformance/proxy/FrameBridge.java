package io.github.k8sproxyconformance.proxy;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipes the frames of one relayed WebSocket between the caller's session and the cluster's.
 *
 * <p>Frames are forwarded one at a time as they arrive, fragments and control frames included, so
 * the cluster and the caller see the same messages and pings as without the proxy. A leg asks for
 * its next frame only when the previous one has been written to the other leg: a slow reader slows
 * its writer down instead of filling the proxy's memory. A close frame is passed on with its code
 * and reason; a leg that ends without one (a dropped connection) ends the other leg abruptly too.
 */
final class FrameBridge {
  private static final Logger LOG = LoggerFactory.getLogger(FrameBridge.class);

  private final String description;
  private final Leg caller = new Leg("client->proxy");
  private final Leg cluster = new Leg("proxy->cluster");

  /**
   * @param description names the relayed request in log lines; never carries credentials
   */
  FrameBridge(String description) {
    this.description = description;
  }

  /** The handler of the session with the caller; opened after {@link #clusterSide()}. */
  FrameHandler callerSide() {
    return caller;
  }

  /** The handler of the session with the cluster. */
  FrameHandler clusterSide() {
    return cluster;
  }

  private final class Leg implements FrameHandler {
    private final String name;
    private volatile CoreSession session;

    Leg(String name) {
      this.name = name;
    }

    private Leg peer() {
      return this == caller ? cluster : caller;
    }

    /** The cluster leg opens first; frames start to flow once the caller's leg is open too. */
    @Override
    public void onOpen(CoreSession session, Callback callback) {
      this.session = session;
      callback.succeeded();
      if (this == caller) {
        LOG.info("{} websocket relay open", description);
        cluster.session.demand();
        caller.session.demand();
      }
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
      CoreSession target = peer().session;
      if (frame.getOpCode() == OpCode.CLOSE) {
        CloseStatus status = CloseStatus.getCloseStatus(frame);
        LOG.debug("{} {} sent close {}", description, name, status);
        // the answering close goes back once the other leg has been told
        target.close(
            status.getCode(),
            status.getReason(),
            Callback.from(callback::succeeded, x -> callback.succeeded()));
        return;
      }
      Frame forwarded = new Frame(frame.getOpCode(), frame.isFin(), frame.getPayload());
      target.sendFrame(
          forwarded,
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
      LOG.debug("{} {} failed: {}", description, name, cause.toString());
      callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
      LOG.info("{} websocket {} closed: {}", description, name, status.getCode());
      CoreSession target = peer().session;
      if (target != null && target.isOutputOpen()) {
        if (CloseStatus.isTransmittableStatusCode(status.getCode())) {
          target.close(status.getCode(), status.getReason(), Callback.NOOP);
        } else {
          target.abort();
        }
      }
      callback.succeeded();
    }
  }
}
