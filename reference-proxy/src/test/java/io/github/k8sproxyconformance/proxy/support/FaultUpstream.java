package io.github.k8sproxyconformance.proxy.support;

import io.github.k8sproxyconformance.testkit.http.BodyReader;
import io.github.k8sproxyconformance.testkit.http.RequestHead;
import io.github.k8sproxyconformance.testkit.http.WireInput;
import io.github.k8sproxyconformance.testkit.upstream.LoopbackServer;
import io.github.k8sproxyconformance.testkit.upstream.ServedOnLoopback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster that fails on request, over a plain socket: the fault is named in the request target
 * ({@code ?fault=reset-mid-response}), so one upstream serves a mix of faults.
 *
 * <p>It counts its open connections, which is how a test sees whether the proxy released them: a
 * connection stays open until this side closes it (after a reset or an answer) or reads the end of
 * the stream from the proxy (a hung exchange the proxy gave up on).
 */
public final class FaultUpstream implements AutoCloseable, ServedOnLoopback {
  /** What a connection does once it has read a request head. */
  public enum Fault {
    /** Sends headers promising 100 bytes, 11 of them, then a TCP reset after a pause. */
    RESET_MID_RESPONSE,
    /** Sends a chunked watch response with two events, then a TCP reset after a pause. */
    RESET_MID_STREAM,
    /** Waits {@link #SLOW_HEADERS_DELAY} before a complete answer. */
    SLOW_HEADERS,
    /** Never answers; waits until the proxy closes the connection. */
    HANG,
    /** Sends the headers and one event of a watch, then nothing until the proxy closes. */
    HANG_AFTER_HEADERS,
    /** Sends a status line and then header lines without end, until the proxy closes. */
    ENDLESS_HEAD,
    /**
     * Sends two {@code 100 Continue} nobody asked for, then {@code 200} with the body {@code ok}.
     */
    INTERIM_THEN_OK,
    /**
     * Never sends 100; reads the body its Content-Length announces and answers 200 with {@code
     * expect=<the Expect header or none>;body=<the body>}.
     */
    ECHO_BODY;

    /** The query value that selects this fault. */
    public String query() {
      return "fault=" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** How long {@link Fault#SLOW_HEADERS} waits before its status line. */
  public static final Duration SLOW_HEADERS_DELAY = Duration.ofMillis(1_000);

  /** How long a reset fault waits after its partial answer. */
  public static final Duration RESET_PAUSE = Duration.ofMillis(300);

  public static final String SLOW_BODY = "{\"kind\":\"Status\",\"status\":\"Success\"}";

  private static final Duration HANG_LIMIT = Duration.ofSeconds(60);

  /** Thread names start with this, so a leak count can leave them out. */
  public static final String THREAD_NAME = "fault-upstream";

  private final AtomicInteger closedByProxy = new AtomicInteger();
  private final LoopbackServer server = LoopbackServer.start(THREAD_NAME, this::serve);

  @Override
  public LoopbackServer server() {
    return server;
  }

  /** Hung connections the proxy closed. */
  public int closedByProxy() {
    return closedByProxy.get();
  }

  private void serve(Socket socket) throws IOException, InterruptedException {
    WireInput input = new WireInput(socket, "the proxy");
    input.bound(HANG_LIMIT);
    RequestHead head = RequestHead.read(input);
    if (head == null) {
      return;
    }
    OutputStream out = socket.getOutputStream();
    switch (faultOf(head)) {
      case RESET_MID_RESPONSE -> {
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n");
        write(out, "Content-Length: 100\r\n\r\n{\"items\":[");
        reset(socket);
      }
      case RESET_MID_STREAM -> {
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n");
        write(out, "Transfer-Encoding: chunked\r\n\r\n");
        write(out, chunk("{\"type\":\"ADDED\",\"n\":1}\n"));
        write(out, chunk("{\"type\":\"ADDED\",\"n\":2}\n"));
        reset(socket);
      }
      case SLOW_HEADERS -> {
        Thread.sleep(SLOW_HEADERS_DELAY.toMillis());
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n");
        write(out, "Content-Length: " + SLOW_BODY.length() + "\r\n\r\n" + SLOW_BODY);
      }
      case HANG -> awaitClose(socket);
      case ENDLESS_HEAD -> {
        write(out, "HTTP/1.1 200 OK\r\n");
        String filler = "x".repeat(40);
        for (long n = 0; ; n++) {
          write(out, "X-Inf-" + n + ": " + filler + "\r\n");
        }
      }
      case INTERIM_THEN_OK -> {
        write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n");
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
        awaitClose(socket);
      }
      case ECHO_BODY -> {
        byte[] body = readBody(input, head);
        String echo =
            "expect="
                + head.header("expect").orElse("none")
                + ";body="
                + new String(body, StandardCharsets.ISO_8859_1);
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n");
        write(out, "Content-Length: " + echo.length() + "\r\n\r\n" + echo);
        awaitClose(socket);
      }
      case HANG_AFTER_HEADERS -> {
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n");
        write(out, "Transfer-Encoding: chunked\r\n\r\n");
        write(out, chunk("{\"type\":\"ADDED\",\"n\":1}\n"));
        awaitClose(socket);
      }
    }
  }

  /** Reads (a request body, if any) until the proxy closes the connection. */
  private void awaitClose(Socket socket) throws IOException {
    socket.setSoTimeout((int) HANG_LIMIT.toMillis());
    InputStream in = socket.getInputStream();
    while (in.read() != -1) {
      // discard
    }
    closedByProxy.incrementAndGet();
  }

  private static byte[] readBody(WireInput input, RequestHead head) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BodyReader body = BodyReader.forRequest(input, head);
    for (byte[] piece = body.next(); piece != null; piece = body.next()) {
      bytes.write(piece);
    }
    return bytes.toByteArray();
  }

  private static Fault faultOf(RequestHead head) {
    String target = head.target();
    for (Fault fault : Fault.values()) {
      if (target.endsWith(fault.query()) || target.contains(fault.query() + "&")) {
        return fault;
      }
    }
    return Fault.HANG;
  }

  /**
   * Closes with SO_LINGER 0: the peer gets a TCP reset, not an orderly end of stream. The pause
   * first lets the proxy read what was sent: a reset discards data its receiver has not read yet,
   * which would turn a reset mid-response into one before the response.
   */
  private static void reset(Socket socket) throws IOException, InterruptedException {
    Thread.sleep(RESET_PAUSE.toMillis());
    socket.setSoLinger(true, 0);
    socket.close();
  }

  private static String chunk(String text) {
    return Integer.toHexString(text.length()) + "\r\n" + text + "\r\n";
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws InterruptedException {
    server.close();
    server.awaitStopped(Duration.ofSeconds(10));
  }
}
