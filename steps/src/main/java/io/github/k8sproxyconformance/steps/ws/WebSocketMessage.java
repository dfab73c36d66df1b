package io.github.k8sproxyconformance.steps.ws;

import java.nio.charset.StandardCharsets;

/**
 * One whole WebSocket message, text or binary.
 *
 * @param text whether it was a text message
 * @param data its payload; UTF-8 for text
 */
public record WebSocketMessage(boolean text, byte[] data) {
  public static WebSocketMessage ofText(String text) {
    return new WebSocketMessage(true, text.getBytes(StandardCharsets.UTF_8));
  }

  public static WebSocketMessage ofBinary(byte[] data) {
    return new WebSocketMessage(false, data.clone());
  }

  public String asText() {
    return new String(data, StandardCharsets.UTF_8);
  }

  /** For failure messages: the text, or the size of binary data. */
  @Override
  public String toString() {
    return text ? "text " + asText() : "binary of " + data.length + " bytes";
  }
}
