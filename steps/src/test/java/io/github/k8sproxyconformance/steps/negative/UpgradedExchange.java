package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.steps.negative.FramePass.FrameSink;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * One WebSocket handshake carried through a {@link SocketRelay}: the request passed upstream with
 * its upgrade headers, and after {@code 101 Switching Protocols} the connection kept and passed
 * both ways until both sides have closed. Any other answer ends the exchange like a plain one.
 *
 * <p>The end of each direction is passed on as a half-close, so a close handshake that is still
 * under way on the other direction completes before the relay drops the sockets.
 */
final class UpgradedExchange {

  private final Upgrades upgrades;
  private final Socket client;
  private final InputStream fromClient;
  private final Socket upstream;

  UpgradedExchange(Upgrades upgrades, Socket client, InputStream fromClient, Socket upstream) {
    this.upgrades = upgrades;
    this.client = client;
    this.fromClient = fromClient;
    this.upstream = upstream;
  }

  /** Carries the handshake and, once switched, the connection; returns when both have ended. */
  void carry(HttpHead handshake, ExecutorService workers) throws IOException {
    OutputStream toClient = client.getOutputStream();
    if (upgrades.switchesFirst()) {
      toClient.write(Upgrades.ownSwitch(handshake).bytes());
      toClient.flush();
    }
    OutputStream toUpstream = upstream.getOutputStream();
    toUpstream.write(handshake.bytes());
    toUpstream.flush();
    InputStream fromUpstream = new BufferedInputStream(upstream.getInputStream());
    HttpHead answer = HttpHead.read(fromUpstream);
    if (answer.status() != 101) {
      if (!upgrades.switchesFirst()) {
        InputStream whole =
            new SequenceInputStream(
                new ByteArrayInputStream(answer.bytes()), body(answer, fromUpstream));
        upgrades.refused().relay(whole, toClient);
      }
      return;
    }
    if (!upgrades.switchesFirst()) {
      toClient.write(answer.bytes());
      toClient.flush();
    }
    CompletableFuture<Void> upward;
    if (upgrades.framed()) {
      FrameSink clientSide = new FrameSink(toClient, false);
      FrameSink upstreamSide = new FrameSink(toUpstream, true);
      FramePass clientFrames = orUnchanged(upgrades.fromClient());
      upward =
          CompletableFuture.runAsync(
              () -> frames(fromClient, clientFrames, upstreamSide, clientSide, upstream), workers);
      frames(fromUpstream, orUnchanged(upgrades.fromUpstream()), clientSide, upstreamSide, client);
    } else {
      upward = CompletableFuture.runAsync(() -> bytes(fromClient, toUpstream, upstream), workers);
      bytes(fromUpstream, toClient, client);
    }
    upward.join();
  }

  /**
   * The body of a refusal: as long as its {@code Content-Length}, or else until the upstream
   * closes, which it is asked to do by the end of the request side.
   */
  private InputStream body(HttpHead answer, InputStream fromUpstream) throws IOException {
    Optional<String> length = answer.value("Content-Length");
    if (length.isPresent()) {
      return new ByteArrayInputStream(fromUpstream.readNBytes(Integer.parseInt(length.get())));
    }
    upstream.shutdownOutput();
    return fromUpstream;
  }

  /** Copies one direction's bytes, then passes its end on. */
  private void bytes(InputStream from, OutputStream to, Socket toSocket) {
    byte[] buffer = new byte[16 * 1024];
    try {
      for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
        to.write(buffer, 0, n);
        to.flush();
      }
      toSocket.shutdownOutput();
    } catch (IOException e) {
      abort();
    }
  }

  /** Hands one direction's frames to its pass, then passes its end on. */
  private void frames(
      InputStream from, FramePass pass, FrameSink onward, FrameSink back, Socket toSocket) {
    try {
      for (var frame = WebSocketFrame.read(from);
          frame.isPresent();
          frame = WebSocketFrame.read(from)) {
        pass.pass(frame.get(), onward, back);
      }
      toSocket.shutdownOutput();
    } catch (IOException e) {
      abort();
    }
  }

  /** A direction broke: both sides are dropped, so the other direction ends too. */
  private void abort() {
    for (Socket socket : new Socket[] {client, upstream}) {
      try {
        socket.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }

  private static FramePass orUnchanged(FramePass pass) {
    return pass == null ? FramePass.unchanged() : pass;
  }
}
