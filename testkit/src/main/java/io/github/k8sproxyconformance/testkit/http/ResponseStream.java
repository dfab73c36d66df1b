package io.github.k8sproxyconformance.testkit.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A response whose body is read piece by piece, as it arrives.
 *
 * <p>Watch and log-follow streams are judged by when each piece arrives, not only by what the whole
 * body holds: a proxy that buffers a stream until it ends delivers the right bytes too late. For a
 * chunked body each {@link Chunk} is exactly one HTTP chunk.
 */
public interface ResponseStream extends AutoCloseable {

  /** The status code of the response. */
  int status();

  /** The header fields in arrival order, duplicates kept. */
  List<HeaderField> headers();

  /**
   * The next piece of the body: one HTTP chunk for a chunked body, otherwise whatever arrived in
   * one read.
   *
   * @return empty at the end of the body
   * @throws AssertionError when nothing arrives within the timeout
   */
  Optional<Chunk> nextChunk(Duration timeout);

  /** Closes the connection; the rest of the body is not read. */
  @Override
  void close();

  /**
   * One piece of a streamed body.
   *
   * @param data the bytes, without chunk framing
   * @param arrivedAt when the last byte of the piece was read
   */
  record Chunk(byte[] data, Instant arrivedAt) {}
}
