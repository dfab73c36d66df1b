package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.Upstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests sent back to back on one connection are all answered, in order, without delay. */
class PipeliningTest extends ProxyTestBase {
  private static final int READ_TIMEOUT_MS = 3_000;

  @ParameterizedTest
  @ValueSource(strings = {"alpha", "unknown"})
  void aRequestBehindAProxiedOneIsAnsweredAtOnce(String secondCluster) throws Exception {
    Upstream upstream = upstream();
    startProxy(kubernetes(configLocator(serviceAccount("alpha", upstream.url(), "t"))));
    String first =
        "GET "
            + mount()
            + "/api HTTP/1.1\r\nHost: p\r\nBackstage-Kubernetes-Cluster: alpha\r\n\r\n";
    String second =
        "GET "
            + mount()
            + "/api/v1 HTTP/1.1\r\nHost: p\r\nBackstage-Kubernetes-Cluster: "
            + secondCluster
            + "\r\nConnection: close\r\n\r\n";

    String answered = exchange(proxy.endpoint().getPort(), first + second);

    assertThat(answered.split("HTTP/1.1 ", -1)).as(answered).hasSize(3);
  }

  /** Writes {@code requests} at once and reads until the server closes or stays quiet. */
  static String exchange(int port, String requests) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(READ_TIMEOUT_MS);
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
