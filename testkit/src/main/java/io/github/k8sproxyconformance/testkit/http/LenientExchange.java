package io.github.k8sproxyconformance.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * Sends any bytes to a server and describes whatever comes back, without ever failing on a broken
 * answer: hostile requests and failing clusters produce truncated, reset or missing responses, and
 * a test must tell those apart from complete ones.
 *
 * <p>It reads with the same head and body readers as {@link RawHttpClient}, and catches what they
 * throw: nothing before a status line is status -1; a timeout sets {@link
 * LenientResponse#timedOut()}; a body cut short by a close, a reset or broken framing is not {@link
 * LenientResponse#complete()}. The whole exchange is bounded by one deadline.
 */
public final class LenientExchange {

  private LenientExchange() {}

  /**
   * Writes {@code request} to 127.0.0.1:{@code port}, half-closes when asked (a truncated request
   * then ends instead of waiting for more), and reads one response for at most {@code limit}.
   *
   * @throws IOException only when the connection cannot be made
   */
  public static LenientResponse exchange(
      int port, byte[] request, boolean halfClose, Duration limit) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return exchange(socket, request, halfClose, limit);
    }
  }

  /** As {@link #exchange(int, byte[], boolean, Duration)}, on a connected socket left open. */
  public static LenientResponse exchange(
      Socket socket, byte[] request, boolean halfClose, Duration limit) throws IOException {
    long started = System.nanoTime();
    try {
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      if (halfClose) {
        socket.shutdownOutput();
      }
    } catch (IOException e) {
      // the server may answer and close before reading everything; read what it said
    }
    WireInput input = new WireInput(socket, "127.0.0.1:" + socket.getPort());
    input.bound(limit);
    Reading reading = new Reading();
    try {
      ResponseHead head = ResponseHead.read(input);
      reading.head = head;
      BodyReader body = BodyReader.forResponse(input, head, RawHttpClient.methodOf(request));
      for (byte[] piece = body.next(); piece != null; piece = body.next()) {
        reading.body.write(piece);
      }
      reading.complete = true;
    } catch (TimedOut e) {
      reading.timedOut = true;
    } catch (IOException | AssertionError | RuntimeException e) {
      // a reset, a close or a garbled answer: report what was read
    }
    return reading.response(Duration.ofNanos(System.nanoTime() - started));
  }

  /** What has been read so far. */
  private static final class Reading {
    private ResponseHead head;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean complete;
    private boolean timedOut;

    LenientResponse response(Duration elapsed) {
      return head == null
          ? new LenientResponse(-1, List.of(), new byte[0], false, timedOut, elapsed)
          : new LenientResponse(
              head.status(), head.headers(), body.toByteArray(), complete, timedOut, elapsed);
    }
  }
}
