package io.github.k8sproxyconformance.proxy.support;

import io.github.k8sproxyconformance.testkit.http.BodyReader;
import io.github.k8sproxyconformance.testkit.http.RequestHead;
import io.github.k8sproxyconformance.testkit.http.WireInput;
import io.github.k8sproxyconformance.testkit.upstream.LoopbackServer;
import io.github.k8sproxyconformance.testkit.upstream.ServedOnLoopback;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A cluster stand-in that records the raw request line of everything it receives, over a plain
 * socket: a Jetty upstream would itself refuse a target climbing above its root, and so hide that a
 * proxy forwarded it. Answers every request with a small 200 JSON, keeps connections alive, and
 * sends {@code 100 Continue} when asked, as an API server does.
 */
public final class RecordingUpstream implements AutoCloseable, ServedOnLoopback {

  private static final byte[] ANSWER =
      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n"
              + "{\"kind\":\"List\"}\n")
          .getBytes(StandardCharsets.ISO_8859_1);

  /** How long an idle keep-alive connection, or one request, may take. */
  private static final Duration REQUEST_LIMIT = Duration.ofSeconds(30);

  private final Queue<RequestHead> received = new ConcurrentLinkedQueue<>();
  private final LoopbackServer server = LoopbackServer.start("recording-upstream", this::serve);

  @Override
  public LoopbackServer server() {
    return server;
  }

  /** The heads of the requests received, in order. */
  public List<RequestHead> received() {
    return List.copyOf(received);
  }

  private void serve(Socket socket) throws IOException {
    WireInput input = new WireInput(socket, "the proxy");
    OutputStream out = socket.getOutputStream();
    while (true) {
      input.bound(REQUEST_LIMIT);
      RequestHead request = RequestHead.read(input);
      if (request == null) {
        return;
      }
      received.add(request);
      if (request.header("Expect").filter("100-continue"::equalsIgnoreCase).isPresent()) {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
      BodyReader body = BodyReader.forRequest(input, request);
      while (body.next() != null) {
        // the body is read and not recorded
      }
      out.write(ANSWER);
      out.flush();
      if (request.header("Connection").filter("close"::equalsIgnoreCase).isPresent()) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.close();
    server.awaitStopped(Duration.ofSeconds(10));
  }
}
