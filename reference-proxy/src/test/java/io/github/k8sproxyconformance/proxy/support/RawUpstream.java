package io.github.k8sproxyconformance.proxy.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving cluster on 127.0.0.1: reads each request head, writes fixed bytes (possibly none or
 * an unfinished response) and closes the connection.
 */
public final class RawUpstream implements AutoCloseable {
  private final ServerSocket server;
  private final byte[] reply;
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  private RawUpstream(String reply) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.reply = reply.getBytes(StandardCharsets.ISO_8859_1);
    this.acceptor = new Thread(this::serve, "raw-upstream");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Closes every connection after reading the request, without answering. */
  public static RawUpstream hangingUp() throws IOException {
    return new RawUpstream("");
  }

  /** Answers every request with {@code reply} and then closes the connection. */
  public static RawUpstream replying(String reply) throws IOException {
    return new RawUpstream(reply);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** How many connections were accepted. */
  public int accepted() {
    return accepted.get();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        accepted.incrementAndGet();
        socket.setSoTimeout(10_000);
        readHead(socket.getInputStream());
        socket.getOutputStream().write(reply);
        socket.getOutputStream().flush();
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < end.length && (b = in.read()) != -1) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      acceptor.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
