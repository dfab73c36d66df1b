package io.github.k8sproxyconformance.testkit.http;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads a response body piece by piece, following HTTP/1.1 message framing (RFC 9112 section 6).
 *
 * <p>Chunked bodies are decoded one chunk per call so streams can be timed chunk by chunk;
 * Content-Length bodies and bodies delimited by the connection closing are returned as they arrive.
 * Request bodies are read the same way, for the raw servers.
 */
public final class BodyReader {

  private static final int READ_SIZE = 64 * 1024;

  private enum Framing {
    NONE,
    CHUNKED,
    LENGTH,
    UNTIL_CLOSE
  }

  private final WireInput input;
  private final Framing framing;
  private long remaining;
  private boolean finished;

  /** The size of the chunk whose ending CRLF is still to be read; -1 when none is. */
  private int endOfDataPending = -1;

  private BodyReader(WireInput input, Framing framing, long length) {
    this.input = input;
    this.framing = framing;
    this.remaining = length;
    this.finished = framing == Framing.NONE || (framing == Framing.LENGTH && length == 0);
  }

  /** The reader for the body that follows {@code head}, the answer to a {@code method} request. */
  static BodyReader forResponse(WireInput input, ResponseHead head, String method) {
    int status = head.status();
    // a 2xx to CONNECT starts a tunnel, not a body (RFC 9112, section 6.3)
    boolean tunnel = method.equalsIgnoreCase("CONNECT") && status / 100 == 2;
    if (tunnel
        || method.equalsIgnoreCase("HEAD")
        || status == 204
        || status == 304
        || status < 200) {
      return new BodyReader(input, Framing.NONE, 0);
    }
    List<String> codings = head.values("Transfer-Encoding");
    if (!codings.isEmpty()) {
      String last = codings.get(codings.size() - 1);
      boolean chunked = last.toLowerCase(Locale.ROOT).trim().endsWith("chunked");
      return new BodyReader(input, chunked ? Framing.CHUNKED : Framing.UNTIL_CLOSE, 0);
    }
    List<String> lengths = head.values("Content-Length");
    if (lengths.isEmpty()) {
      return new BodyReader(input, Framing.UNTIL_CLOSE, 0);
    }
    if (lengths.stream().distinct().count() > 1 || !lengths.get(0).matches("\\d{1,18}")) {
      throw input.malformed("unusable Content-Length " + lengths);
    }
    return new BodyReader(input, Framing.LENGTH, Long.parseLong(lengths.get(0)));
  }

  /**
   * The reader for the body of a request with {@code head}: chunked, of a Content-Length, or none
   * (a request is never delimited by the connection closing).
   */
  public static BodyReader forRequest(WireInput input, RequestHead head) {
    boolean chunked =
        head.header("Transfer-Encoding")
            .map(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))
            .orElse(false);
    if (chunked) {
      return new BodyReader(input, Framing.CHUNKED, 0);
    }
    long length = head.header("Content-Length").map(Long::parseLong).orElse(0L);
    return new BodyReader(input, Framing.LENGTH, length);
  }

  /** The next piece of the body, or null at its end. */
  public byte[] next() throws IOException {
    if (finished) {
      return null;
    }
    return switch (framing) {
      case CHUNKED -> nextChunk();
      case LENGTH -> nextOfLength();
      case UNTIL_CLOSE -> nextUntilClose();
      case NONE -> null;
    };
  }

  /**
   * The data of the next chunk. The CRLF that ends a chunk's data is read at the start of the next
   * call: servers send it together with the next chunk, so waiting for it would date every chunk by
   * the arrival of the one after it, and lose the last one of a stream that breaks off.
   */
  private byte[] nextChunk() throws IOException {
    if (endOfDataPending >= 0) {
      String end = input.readLine("the CRLF after chunk data");
      if (end == null) {
        throw input.malformed("the connection closed before the last chunk");
      }
      if (!end.isEmpty()) {
        throw input.malformed("chunk data longer than its size " + endOfDataPending);
      }
      endOfDataPending = -1;
    }
    String sizeLine = input.readLine("a chunk size line");
    if (sizeLine == null) {
      throw input.malformed("the connection closed before the last chunk");
    }
    String hex = sizeLine.split(";", 2)[0].trim();
    if (!hex.matches("[0-9a-fA-F]{1,7}")) {
      throw input.malformed("not a chunk size: '" + sizeLine + "'");
    }
    int size = Integer.parseInt(hex, 16);
    if (size == 0) {
      skipTrailers();
      finished = true;
      return null;
    }
    byte[] data = input.readExactly(size, "chunk data");
    endOfDataPending = size;
    return data;
  }

  private void skipTrailers() throws IOException {
    String line;
    do {
      line = input.readLine("the trailer section");
    } while (line != null && !line.isEmpty());
  }

  private byte[] nextOfLength() throws IOException {
    byte[] data = input.readSome((int) Math.min(READ_SIZE, remaining), "the response body");
    if (data == null) {
      throw input.malformed("the connection closed with " + remaining + " body bytes missing");
    }
    remaining -= data.length;
    finished = remaining == 0;
    return data;
  }

  private byte[] nextUntilClose() throws IOException {
    byte[] data = input.readSome(READ_SIZE, "the response body");
    if (data == null) {
      finished = true;
    }
    return data;
  }
}
