package io.github.k8sproxyconformance.testkit.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads bytes from a socket, every read bounded by a deadline: the input side of every hand-written
 * HTTP reader of the project (the wire client's responses, the raw servers' requests).
 *
 * <p>A proxy under test may hang, stall mid-body or never close; a failed scenario must say so and
 * show what did arrive, so each read gets the time left until the deadline ({@link #bound}; none
 * until it is called) and a timeout becomes a {@link TimedOut} quoting the start of everything read
 * so far. A reset before a whole head has arrived is a {@link ClosedWithoutResponse}; broken
 * framing is an {@link AssertionError} from {@link #malformed}. These are strict choices: a reader
 * that expects broken input catches them ({@link LenientExchange} does).
 */
public final class WireInput {

  private static final int MAX_LINE = 64 * 1024;
  private static final int TRANSCRIPT_LIMIT = 4096;

  private final Socket socket;
  private final InputStream in;
  private final String peer;
  private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
  private Instant deadline = Instant.MAX;
  private Duration budget = Duration.ZERO;

  /** Reads from {@code socket}; {@code peer} names the other side in failure messages. */
  public WireInput(Socket socket, String peer) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.peer = peer;
  }

  /** Bounds the following reads: together they must finish within {@code timeout} from now. */
  public void bound(Duration timeout) {
    this.budget = timeout;
    this.deadline = Instant.now().plus(timeout);
  }

  /**
   * Whether a byte, or the end of the stream, arrives within {@code wait} (and before the
   * deadline); nothing is consumed. For a client that waits a while for an answer and then goes on
   * anyway.
   */
  boolean arrivesWithin(Duration wait) throws IOException {
    long remaining =
        Math.min(wait.toMillis(), Duration.between(Instant.now(), deadline).toMillis());
    if (remaining <= 0) {
      return false;
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
    in.mark(1);
    try {
      in.read();
      in.reset();
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** One line without its CRLF (or bare LF); null at end of stream before any byte. */
  public String readLine(String what) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = readByte(what);
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw malformed("a line longer than " + MAX_LINE + " bytes while reading " + what);
      }
      line.write(b);
    }
  }

  /** Exactly {@code count} bytes. */
  public byte[] readExactly(int count, String what) throws IOException {
    byte[] data = new byte[count];
    int filled = 0;
    while (filled < count) {
      int n = read(data, filled, count - filled, what + " (" + filled + " of " + count + " bytes)");
      if (n < 0) {
        throw malformed(
            "the connection closed after " + filled + " of " + count + " bytes of " + what);
      }
      filled += n;
    }
    return data;
  }

  /** Whatever one read returns, at most {@code max} bytes; null at end of stream. */
  byte[] readSome(int max, String what) throws IOException {
    byte[] data = new byte[max];
    int n = read(data, 0, max, what);
    return n < 0 ? null : Arrays.copyOf(data, n);
  }

  /** An assertion error for a message that breaks HTTP/1.1 framing, with the transcript. */
  public AssertionError malformed(String problem) {
    return new AssertionError("malformed message from " + peer + ": " + problem + soFar());
  }

  private int readByte(String what) throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1, what);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  private int read(byte[] buffer, int offset, int length, String what) throws IOException {
    long remaining = Duration.between(Instant.now(), deadline).toMillis();
    if (remaining <= 0) {
      throw timedOut(what);
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
    try {
      int n = in.read(buffer, offset, length);
      if (n > 0 && transcript.size() < TRANSCRIPT_LIMIT) {
        transcript.write(buffer, offset, Math.min(n, TRANSCRIPT_LIMIT - transcript.size()));
      }
      return n;
    } catch (SocketTimeoutException e) {
      throw timedOut(what);
    } catch (SocketException e) {
      if (headComplete()) {
        throw e;
      }
      throw new ClosedWithoutResponse(
          "the connection was reset while reading " + what + " from " + peer + soFar());
    }
  }

  /** True once the transcript holds a whole response head, ended by its empty line. */
  private boolean headComplete() {
    return transcript.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n");
  }

  private TimedOut timedOut(String what) {
    return new TimedOut(
        "timed out after "
            + budget.toMillis()
            + " ms waiting for "
            + what
            + " from "
            + peer
            + soFar());
  }

  private String soFar() {
    if (transcript.size() == 0) {
      return "; nothing was received";
    }
    String text = transcript.toString(StandardCharsets.ISO_8859_1);
    String more = transcript.size() >= TRANSCRIPT_LIMIT ? "\n[...]" : "";
    return "; received so far:\n" + text + more;
  }
}
