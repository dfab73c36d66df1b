package io.github.k8sproxyconformance.proxy.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends any bytes to a server and describes whatever comes back, without ever throwing on a broken
 * answer: hostile requests and failing clusters produce truncated, reset or missing responses, and
 * a test must tell those apart from complete ones. Every read is bounded.
 */
public final class LenientHttp {
  private LenientHttp() {}

  /**
   * What came back for one request.
   *
   * @param status the final status, or -1 when the connection ended without one
   * @param headers the header lines of the final response, as sent
   * @param body the body bytes read, possibly fewer than announced
   * @param complete whether the body was complete by its own framing (length, last chunk or EOF)
   * @param timedOut whether the read limit passed while waiting for more
   * @param elapsed from the first byte written to the end of reading
   */
  public record Outcome(
      int status,
      List<String> headers,
      byte[] body,
      boolean complete,
      boolean timedOut,
      Duration elapsed) {
    public Optional<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream()
          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).trim())
          .findFirst();
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Writes {@code request} to 127.0.0.1:{@code port}, half-closes when asked (a truncated request
   * then ends instead of waiting for more), and reads one response for at most {@code limit}.
   */
  public static Outcome exchange(int port, byte[] request, boolean halfClose, Duration limit)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return exchange(socket, request, halfClose, limit);
    }
  }

  /** As {@link #exchange(int, byte[], boolean, Duration)}, on a connected socket left open. */
  public static Outcome exchange(Socket socket, byte[] request, boolean halfClose, Duration limit)
      throws IOException {
    socket.setSoTimeout((int) limit.toMillis());
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
    Reader reader = new Reader(socket.getInputStream(), started, limit);
    boolean head =
        new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1)
            .startsWith("HEAD ");
    return reader.read(head);
  }

  private static final class Reader {
    private final InputStream in;
    private final long started;
    private final long deadline;
    private boolean timedOut;

    Reader(InputStream in, long started, Duration limit) {
      this.in = in;
      this.started = started;
      this.deadline = started + limit.toNanos();
    }

    Outcome read(boolean headRequest) {
      int status = -1;
      List<String> headers = new ArrayList<>();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      boolean complete = false;
      try {
        do {
          headers.clear();
          String statusLine = line();
          if (statusLine == null) {
            return outcome(-1, headers, body, false);
          }
          String[] parts = statusLine.split(" ", 3);
          status = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : -1;
          for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            headers.add(h);
          }
        } while (status >= 100 && status < 200 && status != 101);
        Outcome partial = outcome(status, headers, body, false);
        if (headRequest || status == 204 || status == 304 || status == 101) {
          complete = true;
        } else if (partial
            .header("Transfer-Encoding")
            .map(v -> v.contains("chunked"))
            .orElse(false)) {
          complete = chunked(body);
        } else if (partial.header("Content-Length").isPresent()) {
          long length = Long.parseLong(partial.header("Content-Length").get());
          complete = copy(body, length) == length;
        } else {
          copy(body, Long.MAX_VALUE);
          complete = !timedOut;
        }
      } catch (SocketTimeoutException e) {
        timedOut = true;
      } catch (IOException | RuntimeException e) {
        // a reset or a garbled answer: report what was read
      }
      return outcome(status, headers, body, complete);
    }

    private boolean chunked(ByteArrayOutputStream body) throws IOException {
      while (true) {
        String size = line();
        if (size == null) {
          return false;
        }
        long length = Long.parseLong(size.split(";")[0].trim(), 16);
        if (length == 0) {
          for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
            // trailers are not part of the body
          }
          return true;
        }
        if (copy(body, length) != length || line() == null) {
          return false;
        }
      }
    }

    private long copy(ByteArrayOutputStream body, long length) throws IOException {
      long copied = 0;
      byte[] buffer = new byte[8192];
      while (copied < length) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
        if (n < 0) {
          break;
        }
        body.write(buffer, 0, n);
        copied += n;
        checkDeadline();
      }
      return copied;
    }

    private String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          byte[] bytes = line.toByteArray();
          int n =
              bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }
        line.write(b);
        if (line.size() % 1024 == 0) {
          checkDeadline();
        }
      }
      return null;
    }

    private void checkDeadline() throws SocketTimeoutException {
      if (System.nanoTime() > deadline) {
        throw new SocketTimeoutException("read limit passed");
      }
    }

    private Outcome outcome(
        int status, List<String> headers, ByteArrayOutputStream body, boolean complete) {
      return new Outcome(
          status,
          List.copyOf(headers),
          body.toByteArray(),
          complete,
          timedOut,
          Duration.ofNanos(System.nanoTime() - started));
    }
  }
}
