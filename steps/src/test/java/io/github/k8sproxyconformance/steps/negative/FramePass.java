package io.github.k8sproxyconformance.steps.negative;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What a relay does with each WebSocket frame of one direction of an upgraded connection: pass it
 * on, change it, drop it, or answer it itself.
 *
 * <p>A correct relay never needs one (it copies bytes); the broken proxies that mishandle messages
 * do, and each of their passes is the core of one broken behaviour.
 */
@FunctionalInterface
interface FramePass {

  /**
   * Handles one frame.
   *
   * @param onward the side the frame was travelling to
   * @param back the side the frame came from, for a relay that answers a frame itself
   */
  void pass(WebSocketFrame frame, FrameSink onward, FrameSink back) throws IOException;

  /** Every frame passed on as it came. */
  static FramePass unchanged() {
    return (frame, onward, back) -> onward.send(frame);
  }

  /**
   * One side of an upgraded connection, written by both directions' passes (one passes frames on to
   * it, the other may answer on it), so each frame is written whole under a lock.
   */
  final class FrameSink {
    private final OutputStream out;
    private final boolean towardsServer;

    /**
     * @param towardsServer true for the upstream side, whose frames must be masked
     */
    FrameSink(OutputStream out, boolean towardsServer) {
      this.out = out;
      this.towardsServer = towardsServer;
    }

    /** Writes the frame, masked when it goes to the server. */
    void send(WebSocketFrame frame) throws IOException {
      byte[] bytes = frame.bytes(towardsServer);
      synchronized (this) {
        out.write(bytes);
        out.flush();
      }
    }
  }
}
