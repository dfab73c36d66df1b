package io.github.k8sproxyconformance.steps.negative;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * How a {@link SocketRelay} carries a WebSocket handshake and the connection it upgrades: correctly
 * ({@link #carried()}), or broken in one way.
 *
 * @param switchesFirst the relay answers {@code 101} to the client itself before the upstream has
 *     answered, and ends the connection if the upstream then refuses
 * @param refused how an upstream answer other than {@code 101} reaches the client
 * @param fromClient what happens to the client's frames; null passes raw bytes
 * @param fromUpstream what happens to the upstream's frames; null passes raw bytes
 */
record Upgrades(
    boolean switchesFirst, ResponsePass refused, FramePass fromClient, FramePass fromUpstream) {

  /** RFC 6455, section 1.3: appended to the key before hashing it into the accept value. */
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** Handshakes passed on, refusals as they came, the upgraded connection byte for byte. */
  static Upgrades carried() {
    return new Upgrades(false, ResponsePass.unchanged(), null, null);
  }

  /** The client told it has switched before the upstream was asked. */
  Upgrades switchingFirst() {
    return new Upgrades(true, refused, fromClient, fromUpstream);
  }

  /** Refusals of the handshake passed to the client by that pass. */
  Upgrades refusals(ResponsePass pass) {
    return new Upgrades(switchesFirst, pass, fromClient, fromUpstream);
  }

  /** The client's frames handled by that pass. */
  Upgrades clientFrames(FramePass pass) {
    return new Upgrades(switchesFirst, refused, pass, fromUpstream);
  }

  /** The upstream's frames handled by that pass. */
  Upgrades upstreamFrames(FramePass pass) {
    return new Upgrades(switchesFirst, refused, fromClient, pass);
  }

  /** Whether the upgraded connection is handled frame by frame rather than as raw bytes. */
  boolean framed() {
    return fromClient != null || fromUpstream != null;
  }

  /**
   * Whether the request asks to switch protocols: its {@code Connection} lists the token {@code
   * upgrade} and it names a protocol in {@code Upgrade}.
   */
  static boolean asksToSwitch(HttpHead head) {
    boolean listed =
        head.fields().stream()
            .filter(field -> HttpHead.named(field, "Connection"))
            .flatMap(field -> Arrays.stream(HttpHead.valueOf(field).split(",")))
            .anyMatch(token -> token.trim().equalsIgnoreCase("upgrade"));
    return listed && head.value("Upgrade").filter(value -> !value.isEmpty()).isPresent();
  }

  /** Whether the request is a WebSocket handshake. */
  static boolean isWebSocket(HttpHead head) {
    return asksToSwitch(head) && head.value("Upgrade").orElseThrow().equalsIgnoreCase("websocket");
  }

  /** The {@code 101} a server answers the handshake with, choosing no subprotocol. */
  static HttpHead ownSwitch(HttpHead handshake) {
    String key = handshake.value("Sec-WebSocket-Key").orElse("");
    return new HttpHead("HTTP/1.1 101 Switching Protocols", List.of())
        .with("Upgrade", "websocket")
        .with("Connection", "Upgrade")
        .with("Sec-WebSocket-Accept", accept(key));
  }

  private static String accept(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
