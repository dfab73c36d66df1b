package io.github.k8sproxyconformance.steps.negative;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One RFC 6455 frame as it travels on an upgraded connection, for the broken proxies that change
 * WebSocket messages on their way.
 *
 * <p>Hand-written on purpose rather than taken from a WebSocket library: a library validates,
 * reassembles and answers what it relays, while these relays must misbehave frame by frame (turn
 * binary into text, replace a close) and leave everything else as the reference proxy sent it.
 * Frames from a client are masked and frames from a server are not (RFC 6455, section 5.3), so a
 * frame is held unmasked here and masked again only when written towards a server. No extension is
 * negotiated through the reference proxy, so the RSV bits are carried as they came, uninterpreted.
 *
 * @param flags the FIN and RSV bits of the first byte
 * @param opcode the frame's opcode
 * @param payload the unmasked payload
 */
record WebSocketFrame(int flags, int opcode, byte[] payload) {

  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;

  private static final int FIN = 0x80;
  private static final int MASKED = 0x80;

  /** Larger than any message a scenario sends, so a runaway length fails instead of allocating. */
  private static final long MAX_PAYLOAD = 16L * 1024 * 1024;

  /** A close frame with that code and reason. */
  static WebSocketFrame close(int code, String reason) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.write(code >> 8);
    payload.write(code & 0xFF);
    payload.writeBytes(reason.getBytes(StandardCharsets.UTF_8));
    return new WebSocketFrame(FIN, CLOSE, payload.toByteArray());
  }

  /**
   * Reads the next frame, unmasking its payload.
   *
   * @return empty when the connection ended cleanly before a frame began
   * @throws EOFException when it ended inside a frame
   */
  static Optional<WebSocketFrame> read(InputStream in) throws IOException {
    int first = in.read();
    if (first < 0) {
      return Optional.empty();
    }
    int second = readByte(in);
    long length = second & 0x7F;
    if (length == 126) {
      length = number(in, 2);
    } else if (length == 127) {
      length = number(in, 8);
    }
    if (length > MAX_PAYLOAD) {
      throw new IOException("WebSocket frame of " + length + " bytes is beyond this relay");
    }
    byte[] mask = (second & MASKED) != 0 ? exactly(in, 4) : null;
    byte[] payload = exactly(in, (int) length);
    if (mask != null) {
      applyMask(payload, mask);
    }
    return Optional.of(new WebSocketFrame(first & 0xF0, first & 0x0F, payload));
  }

  /** Whether this frame ends its message. */
  boolean fin() {
    return (flags & FIN) != 0;
  }

  /** The same frame with another opcode and payload. */
  WebSocketFrame with(int opcode, byte[] payload) {
    return new WebSocketFrame(flags, opcode, payload);
  }

  /**
   * The frame as it goes on the wire, in one array so it is written whole.
   *
   * @param masked true towards a server, which requires masked frames
   */
  byte[] bytes(boolean masked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
    out.write(flags | opcode);
    int maskBit = masked ? MASKED : 0;
    if (payload.length < 126) {
      out.write(maskBit | payload.length);
    } else if (payload.length <= 0xFFFF) {
      out.write(maskBit | 126);
      writeNumber(out, payload.length, 2);
    } else {
      out.write(maskBit | 127);
      writeNumber(out, payload.length, 8);
    }
    byte[] body = payload.clone();
    if (masked) {
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      out.writeBytes(mask);
      applyMask(body, mask);
    }
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void applyMask(byte[] payload, byte[] mask) {
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i % 4];
    }
  }

  private static long number(InputStream in, int bytes) throws IOException {
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      value = (value << 8) | readByte(in);
    }
    return value;
  }

  private static void writeNumber(ByteArrayOutputStream out, long value, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
      out.write((int) (value >> shift) & 0xFF);
    }
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed inside a WebSocket frame");
    }
    return b;
  }

  private static byte[] exactly(InputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException("connection closed inside a WebSocket frame");
    }
    return bytes;
  }
}
