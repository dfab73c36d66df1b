package io.github.k8sproxyconformance.steps.negative;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

/**
 * How a {@link SocketRelay} hands the upstream's response to its client: unchanged, or broken in
 * one of the ways a proxy can break it.
 *
 * <p>Every relayed exchange uses {@code Connection: close}, so a response ends when the upstream
 * closes and none of these has to understand message framing. (A WebSocket handshake keeps its
 * connection; when it is refused, its answer is handed over already cut at its length.)
 */
@FunctionalInterface
interface ResponsePass {

  /**
   * How long a connection taken as idle between exchanges is kept; longer than any scenario waits.
   */
  Duration HELD_OPEN = Duration.ofSeconds(30);

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

  /**
   * Holds the whole response back and sends it with a {@code Content-Length} of what arrived, as a
   * buffering proxy that re-frames bodies does: a body the upstream broke off looks complete.
   */
  static ResponsePass reframedWhole() {
    return (in, out) -> {
      HttpHead head = HttpHead.read(in);
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      try {
        in.transferTo(raw);
      } catch (IOException e) {
        // the upstream broke off: what arrived is all there is
      }
      boolean chunked =
          head.value("Transfer-Encoding")
              .map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
              .orElse(false);
      byte[] body = chunked ? dechunked(raw.toByteArray()) : raw.toByteArray();
      out.write(
          head.without("Transfer-Encoding")
              .replaced("Content-Length", Integer.toString(body.length))
              .bytes());
      out.write(body);
    };
  }

  /** The data of the complete chunks at the start of a chunked body. */
  private static byte[] dechunked(byte[] raw) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = indexOfCrlf(raw, at);
      if (lineEnd < 0) {
        return data.toByteArray();
      }
      String sizeField = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(sizeField.split(";", 2)[0].trim(), 16);
      int start = lineEnd + 2;
      if (size == 0 || start + size > raw.length) {
        return data.toByteArray();
      }
      data.write(raw, start, size);
      at = start + size + 2;
    }
  }

  private static int indexOfCrlf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first head as it came; when it is an interim 1xx, the exchange is taken as complete: the
   * rest of the answer is read and dropped and the client's connection is held open, as by a proxy
   * that keeps it alive for a next request, until the relay closes.
   */
  static ResponsePass endsAtFirstInterim() {
    return (in, out) -> {
      HttpHead first = HttpHead.read(in);
      out.write(first.bytes());
      if (first.status() >= 200) {
        in.transferTo(out);
        return;
      }
      in.transferTo(OutputStream.nullOutputStream());
      try {
        Thread.sleep(HELD_OPEN.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** Only the head and the first bytes of the body, then the connection ends. */
  static ResponsePass truncatedAfter(int bodyBytes) {
    return (in, out) -> {
      out.write(HttpHead.read(in).bytes());
      out.write(in.readNBytes(bodyBytes));
    };
  }

  /**
   * The response as it came until {@code limit} after it started, then the connection ends, as a
   * proxy with a fixed total timeout per exchange cuts even a stream that is still delivering.
   */
  static ResponsePass cutAfter(Duration limit) {
    return (in, out) -> {
      CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS)
          .execute(
              () -> {
                try {
                  in.close();
                } catch (IOException e) {
                  // closing the upstream ends the relay's copy either way
                }
              });
      in.transferTo(out);
    };
  }
}
