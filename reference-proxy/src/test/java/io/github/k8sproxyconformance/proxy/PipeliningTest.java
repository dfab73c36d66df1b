package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.Upstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests sent back to back on one connection are all answered, in order, without delay: also when
 * the first one's body was forwarded (demanded chunk by chunk) or left unread by a refusal, and
 * when the first response completes on a cluster client's thread.
 */
class PipeliningTest extends ProxyTestBase {
  private static final int QUIET_MS = 3_000;
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 \\d{3} ");

  @ParameterizedTest(name = "{0} then {1}")
  @CsvSource({
    "proxied GET, proxied GET",
    "proxied GET, refused GET",
    "refused POST with an unread body, proxied GET",
    "proxied POST, proxied GET",
    "proxied chunked POST, refused GET",
  })
  void aRequestBehindAnotherIsAnsweredAtOnce(String first, String second) throws Exception {
    Upstream upstream = upstream();
    startProxy(kubernetes(configLocator(serviceAccount("alpha", upstream.url(), "t"))));

    long started = System.nanoTime();
    String answered =
        exchange(
            proxy.endpoint().getPort(),
            request(first, "") + request(second, "Connection: close\r\n"));
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(STATUS_LINE.matcher(answered).results().count()).as(answered).isEqualTo(2);
    assertThat(millis)
        .as("both answered, and the connection closed, without waiting")
        .isLessThan(QUIET_MS);
  }

  /** The request named, with {@code extraHeaderLines}. */
  private String request(String name, String extraHeaderLines) {
    String head = " " + mount() + "/api HTTP/1.1\r\nHost: p\r\n" + extraHeaderLines;
    String alpha = head + "Backstage-Kubernetes-Cluster: alpha\r\n";
    String unknown = head + "Backstage-Kubernetes-Cluster: unknown\r\n";
    return switch (name) {
      case "proxied GET" -> "GET" + alpha + "\r\n";
      case "refused GET" -> "GET" + unknown + "\r\n";
      case "refused POST with an unread body" ->
          "POST" + unknown + "Content-Length: 10\r\n\r\n0123456789";
      case "proxied POST" -> "POST" + alpha + "Content-Length: 10\r\n\r\n0123456789";
      case "proxied chunked POST" ->
          "POST" + alpha + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Writes {@code requests} at once and reads until the server closes or stays quiet. */
  private static String exchange(int port, String requests) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(QUIET_MS);
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          read.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException quiet) {
        // what came before the silence is the answer
      }
      return read.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
