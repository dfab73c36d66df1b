package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.Upstream;
import io.github.k8sproxyconformance.testkit.http.LenientExchange;
import io.github.k8sproxyconformance.testkit.http.LenientResponse;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Request bodies are read before their request takes a cluster connection, so slow uploads cannot
 * take a cluster's connections from its other callers; a body beyond the per-request bound or the
 * shared pool is streamed, and arrives unchanged either way. Each cluster here has one connection
 * and a queue of one, so a request that holds a connection shows at once: the probe GET is refused.
 */
class RequestBodyBufferingTest extends ProxyTestBase {
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(10);
  private static final Duration SETTLE = Duration.ofMillis(500);

  private Upstream cluster;

  /**
   * Catches a proxy that forwards a request before its body has arrived: four callers sending their
   * bodies slowly take the only connection and the queue, and the probe is refused.
   */
  @Test
  void slowBodiesHoldNoClusterConnectionUntilComplete() throws Exception {
    startProxyWithOneConnection();
    List<PartialUpload> uploads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      uploads.add(new PartialUpload(randomBytes(1000, i), "Content-Length: 1000"));
      uploads.get(i).send(0, 10);
    }
    Thread.sleep(SETTLE.toMillis());

    assertThat(probe()).isEqualTo(200);
    assertThat(cluster.received()).hasSize(1);

    for (PartialUpload upload : uploads) {
      assertThat(upload.finish(10).status()).isEqualTo(200);
    }
    assertThat(bodiesReceived()).containsExactlyInAnyOrderElementsOf(bodiesOf(uploads));
  }

  /**
   * Catches a proxy that buffers a body whatever its size (memory grows with every upload) or loses
   * it when it gives up buffering: one declared larger than the bound is streamed, and holds the
   * cluster connection meanwhile, and arrives unchanged.
   */
  @Test
  void aBodyDeclaredLargerThanTheBoundIsStreamed() throws Exception {
    startProxyWithOneConnection("maxBufferedRequestBodyBytes: 1024");
    PartialUpload streamed = begun(4096, 1, 100);
    PartialUpload queued = begun(4096, 2, 100);

    assertThat(probe()).isEqualTo(503);

    assertThat(streamed.finish(100).status()).isEqualTo(200);
    assertThat(queued.finish(100).status()).isEqualTo(200);
    assertThat(bodiesReceived()).containsExactlyInAnyOrderElementsOf(bodiesOf(streamed, queued));
  }

  /**
   * Catches a proxy that drops what it had read, or the chunk that did not fit, when a chunked body
   * outgrows the bound part way and is streamed from there.
   */
  @Test
  void aChunkedBodyThatOutgrowsTheBoundIsStreamedWithWhatWasRead() throws Exception {
    startProxyWithOneConnection("maxBufferedRequestBodyBytes: 1024");
    PartialUpload upload = new PartialUpload(randomBytes(3000, 3), "Transfer-Encoding: chunked");
    upload.sendChunk(0, 600);
    Thread.sleep(SETTLE.toMillis());
    upload.sendChunk(600, 1600);
    Thread.sleep(SETTLE.toMillis());

    assertThat(upload.finishChunked(1600).status()).isEqualTo(200);
    assertThat(bodiesReceived())
        .containsExactly(new String(upload.body, StandardCharsets.ISO_8859_1));
  }

  /**
   * Catches a proxy whose buffered bodies share no bound: once the pool is taken, further bodies
   * are streamed (here: they hold the connection and the queue, and the probe is refused); once the
   * uploads are done, the pool is free again.
   */
  @Test
  void bodiesBeyondTheSharedPoolAreStreamedAndThePoolComesBack() throws Exception {
    startProxyWithOneConnection("requestBodyBufferPoolBytes: 1500");
    PartialUpload buffered = begun(1000, 4, 10);
    PartialUpload streamed = begun(1000, 5, 10);
    PartialUpload queued = begun(1000, 6, 10);

    assertThat(probe()).isEqualTo(503);

    // the buffered body last: until the streamed ones are done, it would find no connection
    for (PartialUpload upload : List.of(streamed, queued, buffered)) {
      assertThat(upload.finish(10).status()).isEqualTo(200);
    }
    PartialUpload again = begun(1000, 7, 10);
    assertThat(probe()).isEqualTo(200);
    assertThat(again.finish(10).status()).isEqualTo(200);
    assertThat(bodiesReceived())
        .containsExactlyInAnyOrderElementsOf(bodiesOf(buffered, streamed, queued, again));
  }

  /**
   * Catches a proxy that, reading bodies first, answers a body the caller breaks part way with
   * anything but the 400 input-error envelope that a streamed body gets (or never answers it).
   */
  @Test
  void aBodyBrokenWhileBeingReadIsTheInputErrorEnvelope() throws Exception {
    startProxyWithOneConnection();
    PartialUpload upload = new PartialUpload(randomBytes(100, 8), "Transfer-Encoding: chunked");
    upload.sendChunk(0, 50);
    Thread.sleep(SETTLE.toMillis());

    LenientResponse answer = upload.finishWith("zz\r\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.bodyText()).contains("Request body could not be read");
    assertThat(cluster.received()).isEmpty();
  }

  private void startProxyWithOneConnection(String... limits) throws Exception {
    cluster = upstream();
    List<String> lines = new ArrayList<>(List.of(limits));
    lines.add("maxConnectionsPerCluster: 1");
    lines.add("maxQueuedRequestsPerCluster: 1");
    startProxy(
        kubernetes(configLocator(serviceAccount("alpha", cluster.url(), "t"))),
        lines.toArray(String[]::new));
  }

  /** The status of a GET of cluster alpha's pods. */
  private int probe() throws Exception {
    return get("/api/v1/pods", "Backstage-Kubernetes-Cluster", "alpha").statusCode();
  }

  /**
   * An upload with {@code Content-Length} whose first {@code sent} bytes have gone, after the proxy
   * has had time to act on them: uploads begun one after another reach the cluster in that order,
   * since a request waits in the queue until its connection is open.
   */
  private PartialUpload begun(int length, long seed, int sent) throws Exception {
    PartialUpload upload =
        new PartialUpload(randomBytes(length, seed), "Content-Length: " + length);
    upload.send(0, sent);
    Thread.sleep(SETTLE.toMillis());
    return upload;
  }

  private List<String> bodiesReceived() {
    return cluster.received().stream()
        .filter(r -> r.method().equals("POST"))
        .map(r -> new String(r.body(), StandardCharsets.ISO_8859_1))
        .toList();
  }

  private static List<String> bodiesOf(PartialUpload... uploads) {
    return bodiesOf(Arrays.asList(uploads));
  }

  private static List<String> bodiesOf(List<PartialUpload> uploads) {
    return uploads.stream().map(u -> new String(u.body, StandardCharsets.ISO_8859_1)).toList();
  }

  private static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** A POST whose head is sent at once and its body in parts, on a socket kept open between. */
  private final class PartialUpload {
    private final byte[] body;
    private final Socket socket;

    PartialUpload(byte[] body, String framing) throws IOException {
      this.body = body;
      this.socket = closeLater(new Socket("127.0.0.1", proxy.endpoint().getPort()));
      String head =
          "POST "
              + mount()
              + "/api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: proxy\r\n"
              + "Backstage-Kubernetes-Cluster: alpha\r\nContent-Type: application/json\r\n"
              + framing
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(int from, int to) throws IOException {
      socket.getOutputStream().write(body, from, to - from);
      socket.getOutputStream().flush();
    }

    void sendChunk(int from, int to) throws IOException {
      socket.getOutputStream().write(chunkOf(from, to));
      socket.getOutputStream().flush();
    }

    LenientResponse finish(int from) throws IOException {
      return finishWith(Arrays.copyOfRange(body, from, body.length));
    }

    LenientResponse finishChunked(int from) throws IOException {
      byte[] last = chunkOf(from, body.length);
      byte[] end = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
      byte[] rest = Arrays.copyOf(last, last.length + end.length);
      System.arraycopy(end, 0, rest, last.length, end.length);
      return finishWith(rest);
    }

    LenientResponse finishWith(byte[] rest) throws IOException {
      return LenientExchange.exchange(socket, rest, false, ANSWER_LIMIT);
    }

    private byte[] chunkOf(int from, int to) {
      byte[] size = (Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] chunk = new byte[size.length + (to - from) + 2];
      System.arraycopy(size, 0, chunk, 0, size.length);
      System.arraycopy(body, from, chunk, size.length, to - from);
      chunk[chunk.length - 2] = '\r';
      chunk[chunk.length - 1] = '\n';
      return chunk;
    }
  }
}
