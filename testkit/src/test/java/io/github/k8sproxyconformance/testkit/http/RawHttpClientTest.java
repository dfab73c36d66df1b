package io.github.k8sproxyconformance.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RawHttpClientTest {

  private static final String OK_EMPTY = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

  private final RawHttpClient client = new RawHttpClient(Duration.ofSeconds(5));

  @Test
  void sendsTheRequestLineAndHeadersByteForByte() throws Exception {
    try (ScriptedServer server = ScriptedServer.answering(OK_EMPTY)) {
      RawRequest request =
          RawRequest.get("/api/v1/../namespaces/%2Fx?a=%zz&b")
              .withHeader("X-Dup", "one")
              .withHeader("x-dup", "two")
              .withHeader("Backstage-Kubernetes-Cluster", "alpha");

      client.send(server.endpoint("/api/kubernetes/proxy"), request);

      String authority = server.endpoint("").getRawAuthority();
      assertThat(server.takeRequest())
          .isEqualTo(
              "GET /api/kubernetes/proxy/api/v1/../namespaces/%2Fx?a=%zz&b HTTP/1.1\r\n"
                  + "X-Dup: one\r\n"
                  + "x-dup: two\r\n"
                  + "Backstage-Kubernetes-Cluster: alpha\r\n"
                  + "Host: "
                  + authority
                  + "\r\n"
                  + "Connection: close\r\n"
                  + "\r\n");
    }
  }

  @Test
  void sendsTheBodyAfterASecondWhenNoContinueComes() throws Exception {
    try (ScriptedServer server =
        ScriptedServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
      RawRequest request =
          RawRequest.get("/x")
              .withMethod("POST")
              .withHeader("Expect", "100-continue")
              .withBody("hello".getBytes(StandardCharsets.UTF_8), false);

      RawResponse response =
          client.sendExpectingContinue(server.endpoint(""), request, Duration.ofSeconds(1));

      assertThat(server.takeRequest()).endsWith("Content-Length: 5\r\n\r\nhello");
      assertThat(response.bodyText()).isEqualTo("ok");
      assertThat(response.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
  }

  @Test
  void keepsAHostAndConnectionTheRequestSets() throws Exception {
    try (ScriptedServer server = ScriptedServer.answering(OK_EMPTY)) {
      RawRequest request =
          RawRequest.get("/x").withHeader("Host", "evil.example").withHeader("Connection", "TE");

      client.send(server.endpoint(""), request);

      assertThat(server.takeRequest())
          .isEqualTo("GET /x HTTP/1.1\r\nHost: evil.example\r\nConnection: TE\r\n\r\n");
    }
  }

  @Test
  void sendsABodyWithContentLengthOrChunked() throws Exception {
    try (ScriptedServer server = ScriptedServer.answering(OK_EMPTY)) {
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      RawRequest post = RawRequest.get("/p").withMethod("POST");

      client.send(server.endpoint(""), post.withBody(body, false));
      client.send(server.endpoint(""), post.withBody(body, true));

      assertThat(server.takeRequest()).contains("Content-Length: 5\r\n").endsWith("\r\n\r\nhello");
      assertThat(server.takeRequest())
          .contains("Transfer-Encoding: chunked\r\n")
          .doesNotContain("Content-Length")
          .endsWith("\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    }
  }

  @Test
  void readsStatusHeadersInOrderAndAContentLengthBody() throws Exception {
    String response =
        "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nX-A: 1\r\nx-a: 2\r\n"
            + "Content-Length: 13\r\n\r\n{\"error\":404}";
    try (ScriptedServer server = ScriptedServer.answering(response)) {
      RawResponse answer = client.send(server.endpoint(""), RawRequest.get("/"));

      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.reason()).isEqualTo("Not Found");
      assertThat(answer.headers())
          .extracting(HeaderField::name)
          .containsExactly("Content-Type", "X-A", "x-a", "Content-Length");
      assertThat(answer.headerValues("X-A")).containsExactly("1", "2");
      assertThat(answer.bodyText()).isEqualTo("{\"error\":404}");
    }
  }

  @Test
  void decodesAChunkedBodyAndSkipsInterimResponses() throws Exception {
    String response =
        "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n";
    try (ScriptedServer server = ScriptedServer.answering(response)) {
      RawResponse answer = client.send(server.endpoint(""), RawRequest.get("/"));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.bodyText()).isEqualTo("abcde");
    }
  }

  @Test
  void readsABodyUntilTheConnectionCloses() throws Exception {
    try (ScriptedServer server = ScriptedServer.answering("HTTP/1.1 200 OK\r\n\r\nuntil close")) {
      assertThat(client.send(server.endpoint(""), RawRequest.get("/")).bodyText())
          .isEqualTo("until close");
    }
  }

  @Test
  void expectsNoBodyForHeadAnd204() throws Exception {
    String head = "HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n";
    try (ScriptedServer server = ScriptedServer.answering(head)) {
      RawResponse answer = client.send(server.endpoint(""), RawRequest.get("/").withMethod("HEAD"));
      assertThat(answer.body()).isEmpty();
      assertThat(answer.header("content-length")).contains("42");
    }
    try (ScriptedServer server =
        ScriptedServer.answering("HTTP/1.1 204 No Content\r\nX: y\r\n\r\n")) {
      assertThat(client.send(server.endpoint(""), RawRequest.get("/")).body()).isEmpty();
    }
  }

  @Test
  void keepsAGzipBodyRawButReadsItDecoded() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write("{\"cluster\":\"alpha\"}".getBytes(StandardCharsets.UTF_8));
    }
    byte[] body = compressed.toByteArray();
    String head =
        "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + body.length + "\r\n\r\n";
    try (ScriptedServer server =
        ScriptedServer.answering(
            out -> {
              out.write(head.getBytes(StandardCharsets.US_ASCII));
              out.write(body);
            })) {
      RawResponse answer = client.send(server.endpoint(""), RawRequest.get("/"));

      assertThat(answer.body()).isEqualTo(body);
      assertThat(answer.bodyText()).isEqualTo("{\"cluster\":\"alpha\"}");
    }
  }

  @Test
  void failsWithWhatArrivedWhenTheBodyStalls() throws Exception {
    CountDownLatch testDone = new CountDownLatch(1);
    try (ScriptedServer server =
        ScriptedServer.answering(
            out -> {
              out.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes());
              out.flush();
              testDone.await(5, TimeUnit.SECONDS);
            })) {
      RawHttpClient impatient = new RawHttpClient(Duration.ofMillis(300));

      assertThatThrownBy(() -> impatient.send(server.endpoint(""), RawRequest.get("/")))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("timed out after 300 ms waiting for the response body")
          .hasMessageContaining("Content-Length: 10\r\n\r\nabc");
      testDone.countDown();
    }
  }

  @Test
  void failsOnAResponseThatIsNotHttp() throws Exception {
    try (ScriptedServer server = ScriptedServer.answering("SSH-2.0-OpenSSH\r\n")) {
      assertThatThrownBy(() -> client.send(server.endpoint(""), RawRequest.get("/")))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("not an HTTP/1.x status line: 'SSH-2.0-OpenSSH'");
    }
  }

  @Test
  void failsWhenNothingListens() throws Exception {
    // a bound socket that never listens keeps the port from being reused while it is refused
    try (Socket reserved = new Socket()) {
      reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      URI endpoint = URI.create("http://127.0.0.1:" + reserved.getLocalPort() + "/p");

      assertThatThrownBy(() -> client.send(endpoint, RawRequest.get("/x")))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("GET " + endpoint + "/x failed");
    }
  }

  @Test
  void streamsOneChunkPerHttpChunkAsItArrives() throws Exception {
    CountDownLatch firstChunkRead = new CountDownLatch(1);
    try (ScriptedServer server =
            ScriptedServer.answering(
                out -> {
                  out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes());
                  out.write("6\r\nevent1\r\n".getBytes());
                  out.flush();
                  // the second chunk is only sent once the client has read the first
                  firstChunkRead.await(5, TimeUnit.SECONDS);
                  out.write("6\r\nevent2\r\n0\r\n\r\n".getBytes());
                });
        ResponseStream stream = client.open(server.endpoint(""), RawRequest.get("/watch"))) {

      assertThat(stream.status()).isEqualTo(200);
      ResponseStream.Chunk first = stream.nextChunk(Duration.ofSeconds(5)).orElseThrow();
      firstChunkRead.countDown();
      ResponseStream.Chunk second = stream.nextChunk(Duration.ofSeconds(5)).orElseThrow();

      assertThat(new String(first.data(), StandardCharsets.UTF_8)).isEqualTo("event1");
      assertThat(new String(second.data(), StandardCharsets.UTF_8)).isEqualTo("event2");
      assertThat(second.arrivedAt()).isAfterOrEqualTo(first.arrivedAt());
      assertThat(stream.nextChunk(Duration.ofSeconds(5))).isEmpty();
    }
  }

  @Test
  void failsAStreamReadThatTimesOut() throws Exception {
    CountDownLatch testDone = new CountDownLatch(1);
    try (ScriptedServer server =
            ScriptedServer.answering(
                out -> {
                  out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes());
                  out.flush();
                  testDone.await(5, TimeUnit.SECONDS);
                });
        ResponseStream stream = client.open(server.endpoint(""), RawRequest.get("/watch"))) {

      assertThatThrownBy(() -> stream.nextChunk(Duration.ofMillis(200)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("timed out after 200 ms waiting for a chunk size line");
      testDone.countDown();
    }
  }
}
