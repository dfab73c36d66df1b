package io.github.k8sproxyconformance.proxy.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A cluster stand-in that records the raw request line of everything it receives, over a plain
 * socket: a Jetty upstream would itself refuse a target climbing above its root, and so hide that a
 * proxy forwarded it. Answers every request with a small 200 JSON, keeps connections alive, and
 * sends {@code 100 Continue} when asked, as an API server does.
 */
public final class RecordingUpstream implements AutoCloseable {
  /** A request as received: method, raw target and header lines. */
  public record Received(String method, String target, List<String> headers) {
    public String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream()
          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).trim())
          .findFirst()
          .orElse(null);
    }
  }

  private static final byte[] ANSWER =
      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n"
              + "{\"kind\":\"List\"}\n")
          .getBytes(StandardCharsets.ISO_8859_1);

  private final ServerSocket server;
  private final ExecutorService connections =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "recording-upstream-connection");
            thread.setDaemon(true);
            return thread;
          });
  private final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private final Thread acceptor;

  public RecordingUpstream() throws IOException {
    server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "recording-upstream");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.execute(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(30_000);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        String requestLine = line(in);
        if (requestLine == null) {
          return;
        }
        List<String> headers = new ArrayList<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
          headers.add(h);
        }
        String[] parts = requestLine.split(" ", 3);
        Received request =
            new Received(parts[0], parts.length > 1 ? parts[1] : "", List.copyOf(headers));
        received.add(request);
        if ("100-continue".equalsIgnoreCase(request.header("Expect"))) {
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
        readBody(in, request);
        out.write(ANSWER);
        out.flush();
        if ("close".equalsIgnoreCase(request.header("Connection"))) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // a request this stand-in cannot frame ends the connection; it was recorded already
    }
  }

  private static void readBody(InputStream in, Received request) throws IOException {
    String encoding = request.header("Transfer-Encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
        in.skipNBytes(size);
        line(in);
      }
      for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
        // trailers are not recorded
      }
    } else if (request.header("Content-Length") != null) {
      in.skipNBytes(Long.parseLong(request.header("Content-Length")));
    }
  }

  private static long chunkSize(InputStream in) throws IOException {
    String line = line(in);
    if (line == null) {
      throw new IOException("end of stream in a chunked body");
    }
    return Long.parseLong(line.split(";")[0].trim(), 16);
  }

  private static String line(InputStream in) throws IOException {
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
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.close();
    acceptor.join(10_000);
    connections.shutdownNow();
    connections.awaitTermination(10, TimeUnit.SECONDS);
  }
}
