package io.github.k8sproxyconformance.proxy.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP/1.1 client over a plain socket, for requests whose exact bytes matter: dot segments,
 * repeated header lines, restricted headers such as Host. Every read is bounded by a timeout.
 */
public final class RawHttp {
  private static final int TIMEOUT_MS = 20_000;

  private RawHttp() {}

  /** A response as read from the wire. */
  public record RawResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    public List<String> headerValues(String name) {
      return headers.stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .toList();
    }

    public Optional<String> header(String name) {
      return headerValues(name).stream().findFirst();
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Sends {@code head} (request line and header lines, each without CRLF; {@code Connection: close}
   * is added) and {@code body}, and reads the whole response.
   */
  public static RawResponse send(int port, List<String> head, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(TIMEOUT_MS);
      StringBuilder request = new StringBuilder();
      head.forEach(line -> request.append(line).append("\r\n"));
      if (head.stream().noneMatch(l -> l.regionMatches(true, 0, "Connection:", 0, 11))) {
        request.append("Connection: close\r\n");
      }
      request.append("\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      return read(socket.getInputStream(), head.get(0).startsWith("HEAD "));
    }
  }

  /** Sends a body-less request. */
  public static RawResponse send(int port, String... head) throws IOException {
    return send(port, List.of(head), new byte[0]);
  }

  static RawResponse read(InputStream in, boolean headRequest) throws IOException {
    String statusLine = readLine(in);
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).trim()));
    }
    RawResponse partial = new RawResponse(status, headers, new byte[0]);
    if (headRequest) {
      return partial;
    }
    byte[] body;
    if (partial
        .header("Transfer-Encoding")
        .map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
        .orElse(false)) {
      body = readChunked(in);
    } else if (partial.header("Content-Length").isPresent()) {
      body = in.readNBytes(Integer.parseInt(partial.header("Content-Length").get()));
    } else {
      body = in.readAllBytes();
    }
    return new RawResponse(status, headers, body);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        throw new IOException("chunked body ended without its last chunk");
      }
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        readLine(in);
        return body.toByteArray();
      }
      body.write(in.readNBytes(size));
      readLine(in);
    }
  }

  /** One CRLF-terminated line without the CRLF; null at end of stream. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
