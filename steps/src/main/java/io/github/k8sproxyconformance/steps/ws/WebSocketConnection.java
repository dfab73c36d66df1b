package io.github.k8sproxyconformance.steps.ws;

import io.github.k8sproxyconformance.testkit.http.HeaderField;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket opened through the proxy with Java's client, collecting whole messages as they
 * arrive. Every wait is bounded, so a proxy that stalls fails the step instead of hanging the run.
 *
 * <p>Java's client writes the handshake's own headers ({@code Host}, {@code Connection}, {@code
 * Upgrade}, {@code Sec-WebSocket-*}) itself; scenarios about those use the raw HTTP client. It can
 * send every other header and offer subprotocols, which is all an exec or attach client needs.
 */
public final class WebSocketConnection implements AutoCloseable {
  private static final Set<String> WRITTEN_BY_THE_CLIENT =
      Set.of(
          "host",
          "connection",
          "upgrade",
          "content-length",
          "sec-websocket-key",
          "sec-websocket-version",
          "sec-websocket-protocol",
          "sec-websocket-extensions");

  private final WebSocket socket;
  private final Collector collector;

  private WebSocketConnection(WebSocket socket, Collector collector) {
    this.socket = socket;
    this.collector = collector;
  }

  /**
   * Opens {@code uri} (ws or wss) with {@code headers} and the {@code subprotocols} offer.
   *
   * @throws AssertionError when the handshake is refused or does not complete within {@code
   *     timeout}; the message names the status the proxy answered with
   */
  public static WebSocketConnection open(
      URI uri, List<HeaderField> headers, List<String> subprotocols, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    Collector collector = new Collector();
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
    for (HeaderField header : headers) {
      if (!WRITTEN_BY_THE_CLIENT.contains(header.name().toLowerCase(Locale.ROOT))) {
        builder.header(header.name(), header.value());
      }
    }
    if (!subprotocols.isEmpty()) {
      builder.subprotocols(
          subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
    }
    try {
      WebSocket socket =
          builder.buildAsync(uri, collector).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new WebSocketConnection(socket, collector);
    } catch (ExecutionException e) {
      String refusal =
          e.getCause() instanceof WebSocketHandshakeException refused
              ? "answered status " + refused.getResponse().statusCode()
              : "failed: " + e.getCause();
      throw new AssertionError("opening a WebSocket to " + uri + " " + refusal, e);
    } catch (TimeoutException e) {
      throw new AssertionError("the WebSocket handshake to " + uri + " took over " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while opening " + uri, e);
    }
  }

  /** The subprotocol the handshake settled on; empty when none. */
  public String subprotocol() {
    return socket.getSubprotocol();
  }

  /** Sends one whole message and waits until it is written. */
  public void send(WebSocketMessage message, Duration timeout) {
    CompletableFuture<WebSocket> sent =
        message.text()
            ? socket.sendText(message.asText(), true)
            : socket.sendBinary(ByteBuffer.wrap(message.data()), true);
    await(sent, timeout, "sending " + message);
  }

  /** Sends a close frame with {@code code} and {@code reason}. */
  public void close(int code, String reason, Duration timeout) {
    await(socket.sendClose(code, reason), timeout, "sending close " + code);
  }

  /**
   * The next whole message.
   *
   * @throws AssertionError when none arrives within {@code timeout}
   */
  public WebSocketMessage nextMessage(Duration timeout) {
    try {
      WebSocketMessage message = collector.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        throw new AssertionError(
            "no WebSocket message within " + timeout + collector.closeDescription());
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a message", e);
    }
  }

  /**
   * How the WebSocket ended.
   *
   * @throws AssertionError when it is still open after {@code timeout}
   */
  public WebSocketClose awaitClose(Duration timeout) {
    return await(collector.closed, timeout, "waiting for the WebSocket to close");
  }

  /** Drops the connection; the other side sees it end without a close frame. */
  @Override
  public void close() {
    socket.abort();
  }

  private static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(what + " failed: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new AssertionError(what + " took over " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(what + " was interrupted", e);
    }
  }

  /** Joins message parts and records the end; asks for one part at a time. */
  private static final class Collector implements WebSocket.Listener {
    private final BlockingQueue<WebSocketMessage> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<WebSocketClose> closed = new CompletableFuture<>();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        messages.add(WebSocketMessage.ofText(text.toString()));
        text.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      byte[] part = new byte[data.remaining()];
      data.get(part);
      binary.writeBytes(part);
      if (last) {
        messages.add(WebSocketMessage.ofBinary(binary.toByteArray()));
        binary.reset();
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      closed.complete(new WebSocketClose(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.complete(new WebSocketClose(1006, String.valueOf(error)));
    }

    private String closeDescription() {
      WebSocketClose close = closed.getNow(null);
      return close == null ? "" : "; it was closed with " + close.code() + " " + close.reason();
    }
  }
}
