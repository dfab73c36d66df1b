package io.github.k8sproxyconformance.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An HTTP/1.1 client that sends requests byte for byte as given: the one place in the project that
 * writes and reads HTTP by hand.
 *
 * <p>It has to: a conformance test and a proxy's own tests send malformed and hostile requests on
 * purpose, and must see exactly what comes back. It reads strictly: a malformed, incomplete or late
 * response is an {@link AssertionError} ({@link TimedOut}, {@link ClosedWithoutResponse}) quoting
 * what arrived. {@link LenientExchange} reads leniently with the same head and body readers, for
 * tests that expect broken answers.
 *
 * <p>{@code java.net.http} and other clients normalise paths, refuse to set Host or Connection and
 * merge repeated headers, which would hide exactly what a proxy conformance test needs to control.
 * This client writes the request line {@code METHOD <endpoint path><target> HTTP/1.1} verbatim
 * (UTF-8, no encoding; or the absolute or authority form the request asks for), the request's
 * headers in order, then {@code Host} (the endpoint authority) and {@code Connection: close} unless
 * the request sets them itself. One request per connection; https endpoints are verified against
 * the JDK's default trust store. Every read is bounded by the timeout and fails with an {@link
 * AssertionError} showing what arrived.
 */
public final class RawHttpClient {

  private static final int CHUNK_SIZE = 8192;

  private final Duration timeout;

  /** A client whose connects and responses must each finish within {@code timeout}. */
  public RawHttpClient(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Sends the request and reads the whole response.
   *
   * @param endpoint the proxy endpoint; the request target is appended to its raw path
   * @throws AssertionError when the connection fails, the response is malformed or incomplete
   *     within the timeout
   */
  public RawResponse send(URI endpoint, RawRequest request) {
    Instant start = Instant.now();
    try (Socket socket = connect(endpoint)) {
      WireInput input = exchange(socket, endpoint, request);
      return readResponse(input, ResponseHead.read(input), request.method(), start);
    } catch (IOException e) {
      throw new AssertionError(describe(endpoint, request) + " failed: " + e, e);
    }
  }

  /**
   * Sends {@code wire} exactly as given, with nothing added (no Host, no Connection), and reads the
   * whole response as {@link #send} does; the first word of {@code wire} is taken as the method,
   * for the framing of the answer. For requests a {@link RawRequest} cannot express.
   *
   * @throws AssertionError as {@link #send} does
   */
  public RawResponse sendVerbatim(URI endpoint, byte[] wire) {
    Instant start = Instant.now();
    String method = methodOf(wire);
    try (Socket socket = connect(endpoint)) {
      write(socket, wire);
      WireInput input = new WireInput(socket, endpoint.getRawAuthority());
      input.bound(timeout);
      return readResponse(input, ResponseHead.read(input), method, start);
    } catch (IOException e) {
      throw new AssertionError(method + " " + endpoint + " failed: " + e, e);
    }
  }

  /**
   * Sends the request as curl does when it carries {@code Expect: 100-continue}: the head first;
   * the body once an interim answer such as {@code 100 Continue} has come, or once {@code
   * continueWait} has passed without any answer; no body at all when a final answer comes first.
   * Then reads the whole response, all within the client's timeout from the end of the head.
   *
   * @throws AssertionError as {@link #send} does
   */
  public RawResponse sendExpectingContinue(
      URI endpoint, RawRequest request, Duration continueWait) {
    Instant start = Instant.now();
    try (Socket socket = connect(endpoint)) {
      byte[] wire = wireBytes(endpoint, request);
      int headLength = headLength(wire);
      write(socket, Arrays.copyOf(wire, headLength));
      WireInput input = new WireInput(socket, endpoint.getRawAuthority());
      input.bound(timeout);
      ResponseHead answer = null;
      if (input.arrivesWithin(continueWait)) {
        ResponseHead first = ResponseHead.readOne(input);
        answer = first.status() >= 200 || first.status() == 101 ? first : null;
      }
      if (answer == null) {
        write(socket, Arrays.copyOfRange(wire, headLength, wire.length));
        answer = ResponseHead.read(input);
      }
      return readResponse(input, answer, request.method(), start);
    } catch (IOException e) {
      throw new AssertionError(describe(endpoint, request) + " failed: " + e, e);
    }
  }

  private static RawResponse readResponse(
      WireInput input, ResponseHead head, String method, Instant start) throws IOException {
    BodyReader body = BodyReader.forResponse(input, head, method);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] piece = body.next(); piece != null; piece = body.next()) {
      bytes.write(piece);
    }
    Duration elapsed = Duration.between(start, Instant.now());
    return new RawResponse(
        head.status(), head.reason(), head.headers(), bytes.toByteArray(), elapsed);
  }

  /** The length of the head in the wire bytes, up to and including its empty line. */
  private static int headLength(byte[] wire) {
    for (int i = 3; i < wire.length; i++) {
      if (wire[i - 3] == '\r' && wire[i - 2] == '\n' && wire[i - 1] == '\r' && wire[i] == '\n') {
        return i + 1;
      }
    }
    return wire.length;
  }

  /**
   * Sends the request and reads only the status line and headers; the body is read through the
   * returned stream, which the caller closes.
   *
   * @throws AssertionError when the connection fails or no complete head arrives within the timeout
   */
  public ResponseStream open(URI endpoint, RawRequest request) {
    try {
      Socket socket = connect(endpoint);
      boolean handedOver = false;
      try {
        WireInput input = exchange(socket, endpoint, request);
        ResponseHead head = ResponseHead.read(input);
        BodyReader body = BodyReader.forResponse(input, head, request.method());
        ResponseStream stream = new SocketResponseStream(socket, input, head, body);
        handedOver = true;
        return stream;
      } finally {
        if (!handedOver) {
          closeQuietly(socket);
        }
      }
    } catch (IOException e) {
      throw new AssertionError(describe(endpoint, request) + " failed: " + e, e);
    }
  }

  private Socket connect(URI endpoint) throws IOException {
    String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
    boolean tls = scheme.equals("https");
    int port = endpoint.getPort() > 0 ? endpoint.getPort() : tls ? 443 : 80;
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(endpoint.getHost(), port), millis(timeout));
      if (!tls) {
        return socket;
      }
      SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
      SSLSocket ssl = (SSLSocket) factory.createSocket(socket, endpoint.getHost(), port, true);
      SSLParameters parameters = ssl.getSSLParameters();
      // without this the JDK checks the chain but not that it belongs to the host
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(parameters);
      ssl.setSoTimeout(millis(timeout));
      ssl.startHandshake();
      return ssl;
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  private WireInput exchange(Socket socket, URI endpoint, RawRequest request) throws IOException {
    write(socket, wireBytes(endpoint, request));
    WireInput input = new WireInput(socket, endpoint.getRawAuthority());
    input.bound(timeout);
    return input;
  }

  private static void write(Socket socket, byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    try {
      out.write(bytes);
      out.flush();
    } catch (SocketException e) {
      // a server may stop reading a request it refuses and close: the rest cannot be sent
      throw new ClosedWithoutResponse(
          "the connection was closed while the request was sent: " + e.getMessage());
    }
  }

  /**
   * The bytes this client sends for the request: request line, headers (with the added Host,
   * Connection and framing headers) and framed body. Public so evidence can show exactly what was
   * sent.
   */
  public static byte[] wireBytes(URI endpoint, RawRequest request) {
    String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(request.requestLineTarget(path));
    head.append(" HTTP/1.1\r\n");
    for (HeaderField field : request.headers()) {
      head.append(field.name()).append(": ").append(field.value()).append("\r\n");
    }
    if (!request.hasHeader("Host")) {
      head.append("Host: ").append(endpoint.getRawAuthority()).append("\r\n");
    }
    if (!request.hasHeader("Connection")) {
      head.append("Connection: close\r\n");
    }
    byte[] body = request.body();
    if (request.chunked() && !request.hasHeader("Transfer-Encoding")) {
      head.append("Transfer-Encoding: chunked\r\n");
    } else if (!request.chunked() && body.length > 0 && !request.hasHeader("Content-Length")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    if (request.chunked()) {
      for (int offset = 0; offset < body.length; offset += CHUNK_SIZE) {
        int length = Math.min(CHUNK_SIZE, body.length - offset);
        wire.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        wire.write(body, offset, length);
        wire.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      wire.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      wire.writeBytes(body);
    }
    return wire.toByteArray();
  }

  /** The first word of a request's bytes: its method, as far as the framing of the answer goes. */
  static String methodOf(byte[] wire) {
    int end = 0;
    while (end < wire.length && end < 32 && wire[end] != ' ') {
      end++;
    }
    return new String(wire, 0, end, StandardCharsets.ISO_8859_1);
  }

  private static String describe(URI endpoint, RawRequest request) {
    return request.method() + " " + endpoint + request.target();
  }

  private static int millis(Duration duration) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // the connection is being abandoned after a failure that is already reported
    }
  }
}
