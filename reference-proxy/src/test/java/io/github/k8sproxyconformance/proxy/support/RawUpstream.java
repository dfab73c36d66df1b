package io.github.k8sproxyconformance.proxy.support;

import io.github.k8sproxyconformance.testkit.http.RequestHead;
import io.github.k8sproxyconformance.testkit.http.WireInput;
import io.github.k8sproxyconformance.testkit.upstream.LoopbackServer;
import io.github.k8sproxyconformance.testkit.upstream.ServedOnLoopback;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A misbehaving cluster on 127.0.0.1: reads each request head, writes fixed bytes (possibly none or
 * an unfinished response) and closes the connection.
 */
public final class RawUpstream implements AutoCloseable, ServedOnLoopback {
  private final byte[] reply;
  private final LoopbackServer server;

  @Override
  public LoopbackServer server() {
    return server;
  }

  private RawUpstream(String reply) {
    this.reply = reply.getBytes(StandardCharsets.ISO_8859_1);
    this.server = LoopbackServer.start("raw-upstream", this::serve);
  }

  /** Closes every connection after reading the request, without answering. */
  public static RawUpstream hangingUp() {
    return new RawUpstream("");
  }

  /** Answers every request with {@code reply} and then closes the connection. */
  public static RawUpstream replying(String reply) {
    return new RawUpstream(reply);
  }

  private void serve(Socket socket) throws IOException {
    WireInput input = new WireInput(socket, "the proxy");
    input.bound(Duration.ofSeconds(10));
    RequestHead.read(input);
    socket.getOutputStream().write(reply);
    socket.getOutputStream().flush();
  }

  @Override
  public void close() {
    server.close();
  }
}
