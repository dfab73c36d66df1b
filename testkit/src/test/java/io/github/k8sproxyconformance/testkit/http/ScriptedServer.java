package io.github.k8sproxyconformance.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A one-connection-at-a-time HTTP server on 127.0.0.1 that records the raw request bytes and
 * answers with whatever bytes a test scripts, so the client can be checked against exact wire
 * formats, including broken ones no real server would send.
 */
final class ScriptedServer implements AutoCloseable {

  /** What the server does with an accepted connection after reading the request. */
  interface Script {
    void answer(OutputStream out) throws Exception;
  }

  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
  private static final Pattern CHUNKED =
      Pattern.compile("(?im)^transfer-encoding:\\s*chunked\\s*$");

  private final ServerSocket server;
  private final BlockingQueue<byte[]> requests = new LinkedBlockingQueue<>();
  private final Thread thread;

  private ScriptedServer(Script script) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread = new Thread(() -> serve(script), "scripted-server");
    thread.setDaemon(true);
    thread.start();
  }

  static ScriptedServer answering(Script script) throws IOException {
    return new ScriptedServer(script);
  }

  static ScriptedServer answering(String response) throws IOException {
    byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
    return new ScriptedServer(out -> out.write(bytes));
  }

  URI endpoint(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  /** The raw bytes of the next request received, waiting at most five seconds. */
  String takeRequest() throws InterruptedException {
    byte[] request = requests.poll(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the server received no request within 5 s");
    }
    return new String(request, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void serve(Script script) {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(5000);
        requests.add(readRequest(socket.getInputStream()));
        OutputStream out = socket.getOutputStream();
        script.answer(out);
        out.flush();
      } catch (Exception e) {
        // the test closed the server or the client gave up; the test sees that on its side
      }
    }
  }

  private static byte[] readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (!bytes.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return bytes.toByteArray();
      }
      bytes.write(b);
    }
    String head = bytes.toString(StandardCharsets.ISO_8859_1);
    Matcher length = CONTENT_LENGTH.matcher(head);
    if (length.find()) {
      bytes.write(in.readNBytes(Integer.parseInt(length.group(1))));
    } else if (CHUNKED.matcher(head).find()) {
      while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        bytes.write(b);
      }
    }
    return bytes.toByteArray();
  }
}
