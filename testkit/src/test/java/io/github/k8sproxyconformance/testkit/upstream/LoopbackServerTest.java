package io.github.k8sproxyconformance.testkit.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoopbackServerTest {

  @Test
  void countsConnectionsOpenUntilThePeerCloses() throws Exception {
    try (LoopbackServer server =
        LoopbackServer.start(
            "holding",
            socket -> {
              InputStream in = socket.getInputStream();
              while (in.read() >= 0) {
                // held until the client closes
              }
            })) {
      Socket client = new Socket("127.0.0.1", server.port());
      awaitOpen(server, 1);
      assertThat(server.accepted()).isEqualTo(1);

      client.close();

      assertThat(server.awaitNoneOpen(Duration.ofSeconds(5))).isZero();
      server.resetAccepted();
      assertThat(server.accepted()).isZero();
    }
  }

  @Test
  void aBoundedServerClosesWhatItHasNoRoomFor() throws Exception {
    try (LoopbackServer server =
        LoopbackServer.startBounded(
            "127.0.0.1", 0, "bounded", 1, 1, socket -> Thread.sleep(10_000), socket -> {})) {
      Socket first = new Socket("127.0.0.1", server.port());
      Socket second = new Socket("127.0.0.1", server.port());
      Socket third = new Socket("127.0.0.1", server.port());
      third.setSoTimeout(5_000);

      assertThat(third.getInputStream().read()).isEqualTo(-1);
      first.close();
      second.close();
      third.close();
    }
  }

  @Test
  void closeStopsEveryConnectionThread() throws Exception {
    LoopbackServer server = LoopbackServer.start("sleeping", socket -> Thread.sleep(60_000));
    try (Socket client = new Socket("127.0.0.1", server.port())) {
      awaitOpen(server, 1);

      server.close();

      assertThat(server.awaitStopped(Duration.ofSeconds(5))).isTrue();
    }
  }

  private static void awaitOpen(LoopbackServer server, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (server.open() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(server.open()).isEqualTo(count);
  }
}
