package io.github.k8sproxyconformance.steps.negative;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

/**
 * How a {@link SocketRelay} hands the upstream's response to its client: unchanged, or broken in
 * one of the ways a proxy can break it.
 *
 * <p>Every relayed exchange uses {@code Connection: close}, so a response ends when the upstream
 * closes and none of these has to understand message framing.
 */
@FunctionalInterface
interface ResponsePass {

  /** Copies (or fails to copy) one response from the upstream to the client. */
  void relay(InputStream fromUpstream, OutputStream toClient) throws IOException;

  /** The response as it came. */
  static ResponsePass unchanged() {
    return InputStream::transferTo;
  }

  /** Holds the whole response back until the upstream has sent all of it. */
  static ResponsePass bufferedWhole() {
    return (in, out) -> out.write(in.readAllBytes());
  }

  /** The response head rewritten, the body as it came. */
  static ResponsePass headRewritten(UnaryOperator<HttpHead> rewrite) {
    return (in, out) -> {
      out.write(rewrite.apply(HttpHead.read(in)).bytes());
      in.transferTo(out);
    };
  }

  /**
   * A response whose status matches replaced by one of this proxy's own: the status line made from
   * the upstream's head, and that body.
   */
  static ResponsePass replacedWhen(
      IntPredicate statusMatches, Function<HttpHead, String> statusLine, String body) {
    return (in, out) -> {
      HttpHead head = HttpHead.read(in);
      if (!statusMatches.test(head.status())) {
        out.write(head.bytes());
        in.transferTo(out);
        return;
      }
      in.readAllBytes();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      HttpHead own =
          new HttpHead(statusLine.apply(head), List.of())
              .with("Content-Type", "application/json")
              .with("Content-Length", Integer.toString(bytes.length))
              .with("Connection", "close");
      out.write(own.bytes());
      out.write(bytes);
    };
  }

  /** Only the head and the first bytes of the body, then the connection ends. */
  static ResponsePass truncatedAfter(int bodyBytes) {
    return (in, out) -> {
      out.write(HttpHead.read(in).bytes());
      out.write(in.readNBytes(bodyBytes));
    };
  }
}
