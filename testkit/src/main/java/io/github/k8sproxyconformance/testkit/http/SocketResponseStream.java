package io.github.k8sproxyconformance.testkit.http;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A {@link ResponseStream} over the socket it was read from; closing it closes the socket. */
final class SocketResponseStream implements ResponseStream {

  private final Socket socket;
  private final WireInput input;
  private final ResponseHead head;
  private final BodyReader body;

  SocketResponseStream(Socket socket, WireInput input, ResponseHead head, BodyReader body) {
    this.socket = socket;
    this.input = input;
    this.head = head;
    this.body = body;
  }

  @Override
  public int status() {
    return head.status();
  }

  @Override
  public List<HeaderField> headers() {
    return head.headers();
  }

  @Override
  public Optional<Chunk> nextChunk(Duration timeout) {
    input.bound(timeout);
    try {
      byte[] data = body.next();
      return data == null ? Optional.empty() : Optional.of(new Chunk(data, Instant.now()));
    } catch (IOException e) {
      throw new AssertionError("reading the response stream failed: " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more is read from a closed stream; a failing close changes no result
    }
  }
}
