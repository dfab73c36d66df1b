package io.github.k8sproxyconformance.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.testkit.upstream.LoopbackServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LenientExchangeTest {

  private static final byte[] GET =
      "GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final Duration LIMIT = Duration.ofSeconds(5);

  @Test
  void aCompleteAnswerIsComplete() throws Exception {
    try (LoopbackServer server =
        answering("HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 2\r\n\r\nok")) {
      LenientResponse response = LenientExchange.exchange(server.port(), GET, false, LIMIT);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("x-a")).contains("1");
      assertThat(response.bodyText()).isEqualTo("ok");
      assertThat(response.complete()).isTrue();
      assertThat(response.timedOut()).isFalse();
    }
  }

  @Test
  void aBodyCutShortIsIncompleteAndKeepsWhatArrived() throws Exception {
    try (LoopbackServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")) {
      LenientResponse response = LenientExchange.exchange(server.port(), GET, false, LIMIT);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.bodyText()).isEqualTo("abc");
      assertThat(response.complete()).isFalse();
    }
  }

  @Test
  void noAnswerAtAllIsStatusMinusOne() throws Exception {
    try (LoopbackServer server = answering("")) {
      LenientResponse response = LenientExchange.exchange(server.port(), GET, false, LIMIT);

      assertThat(response.status()).isEqualTo(-1);
      assertThat(response.complete()).isFalse();
      assertThat(response.timedOut()).isFalse();
    }
  }

  @Test
  void aServerThatStallsTimesOut() throws Exception {
    try (LoopbackServer server =
        LoopbackServer.start(
            "stalling",
            socket -> {
              socket.getOutputStream().write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"));
              Thread.sleep(5_000);
            })) {
      LenientResponse response =
          LenientExchange.exchange(server.port(), GET, false, Duration.ofMillis(300));

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.timedOut()).isTrue();
      assertThat(response.complete()).isFalse();
    }
  }

  @Test
  void aServerReadsTheRequestHeadAndBodyWithTheSameReaders() throws Exception {
    StringBuilder seen = new StringBuilder();
    try (LoopbackServer server =
        LoopbackServer.start(
            "reading",
            socket -> {
              WireInput input = new WireInput(socket, "client");
              input.bound(LIMIT);
              RequestHead head = RequestHead.read(input);
              byte[] piece = BodyReader.forRequest(input, head).next();
              seen.append(head.method()).append(' ').append(head.target()).append(' ');
              seen.append(new String(piece, StandardCharsets.ISO_8859_1));
              socket.getOutputStream().write(ascii("HTTP/1.1 204 No Content\r\n\r\n"));
            })) {
      byte[] post =
          ascii(
              "POST /a/../b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + "3\r\nabc\r\n0\r\n\r\n");
      LenientResponse response = LenientExchange.exchange(server.port(), post, false, LIMIT);

      assertThat(response.status()).isEqualTo(204);
      assertThat(response.complete()).isTrue();
      assertThat(seen.toString()).isEqualTo("POST /a/../b abc");
    }
  }

  private static LoopbackServer answering(String answer) {
    return LoopbackServer.start(
        "answering",
        socket -> {
          WireInput input = new WireInput(socket, "client");
          input.bound(LIMIT);
          RequestHead.read(input);
          socket.getOutputStream().write(ascii(answer));
        });
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
