package io.github.k8sproxyconformance.steps.glue;

import io.github.k8sproxyconformance.testkit.http.HeaderField;
import io.github.k8sproxyconformance.testkit.http.ResponseStream.Chunk;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A streamed response as the client saw it: status, headers and every body chunk with the time it
 * arrived.
 *
 * <p>Whether a proxy relays a watch as it happens can only be told from arrival times, and a proxy
 * may gzip the stream on the way (Backstage does when the client accepts gzip), so the content of
 * each prefix of the body is decoded as far as it can be: an event counts as arrived when the bytes
 * that complete it have arrived, whatever the coding.
 *
 * @param status the response status
 * @param headers the response headers in arrival order
 * @param chunks the body chunks in arrival order
 * @param breakage why the body broke off before its end (connection closed or reset inside it);
 *     empty when it ended as HTTP framing says a body ends
 */
record StreamRecording(
    int status, List<HeaderField> headers, List<Chunk> chunks, Optional<String> breakage) {

  StreamRecording {
    headers = List.copyOf(headers);
    chunks = List.copyOf(chunks);
  }

  /** The complete body as text, decoded from gzip when the response says so. */
  String text() {
    return decodedPrefix(chunks.size());
  }

  /** The complete lines of the body: one watch event each. */
  List<String> lines() {
    String text = text();
    int end = text.lastIndexOf('\n');
    return end < 0
        ? List.of()
        : Arrays.stream(text.substring(0, end).split("\n")).filter(l -> !l.isBlank()).toList();
  }

  /** When the chunk that completed the first line arrived, if a line ever completed. */
  Optional<Instant> firstLineArrival() {
    for (int count = 1; count <= chunks.size(); count++) {
      if (decodedPrefix(count).contains("\n")) {
        return Optional.of(chunks.get(count - 1).arrivedAt());
      }
    }
    return Optional.empty();
  }

  /** A one-line description for assertion messages. */
  String describe() {
    return "status "
        + status
        + ", "
        + chunks.size()
        + " chunks arriving at "
        + chunks.stream().map(chunk -> chunk.arrivedAt().toEpochMilli()).toList()
        + ", content-encoding "
        + contentEncoding().orElse("none")
        + breakage.map(why -> ", broke off: " + why).orElse(", ended")
        + ", text: "
        + text();
  }

  private Optional<String> contentEncoding() {
    return headers.stream()
        .filter(field -> field.name().equalsIgnoreCase("Content-Encoding"))
        .map(HeaderField::value)
        .findFirst();
  }

  /** The text of the first {@code count} chunks, as far as it can be decoded. */
  private String decodedPrefix(int count) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    chunks.subList(0, count).forEach(chunk -> raw.writeBytes(chunk.data()));
    byte[] bytes = raw.toByteArray();
    boolean gzip = contentEncoding().map(value -> value.contains("gzip")).orElse(false);
    return new String(gzip ? inflatedPrefix(bytes) : bytes, StandardCharsets.UTF_8);
  }

  /** Inflates as much of a possibly incomplete gzip stream as is there. */
  private static byte[] inflatedPrefix(byte[] gzip) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      byte[] buffer = new byte[4096];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
    } catch (EOFException e) {
      // the stream is cut where the chunks received so far end; keep what inflated
    } catch (IOException e) {
      throw new AssertionError("the stream says gzip but is not gzip: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}
