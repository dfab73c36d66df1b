package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.WebSocketTestClient;
import io.github.k8sproxyconformance.proxy.support.WebSocketTestClient.Session;
import io.github.k8sproxyconformance.proxy.support.WebSocketUpstream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many sessions relayed at once lose no frame and mix none up: every session gets each of its own
 * frames back, in order, with its type. Not a timing test; every wait is bounded.
 */
class WebSocketLoadTest extends ProxyTestBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketLoadTest.class);
  private static final int SESSIONS = 100;
  private static final int FRAMES_PER_SESSION = 1_000;

  @Test
  void hundredSessionsOfAThousandFramesLoseNothing() throws Exception {
    WebSocketUpstream upstream = closeLater(WebSocketUpstream.start());
    WebSocketTestClient client = closeLater(new WebSocketTestClient());
    startProxy(
        kubernetes(
            configLocator(
                serviceAccount("alpha", "http://127.0.0.1:" + upstream.port(), "sa-token"))));
    URI uri =
        URI.create(
            proxyUri("/api/v1/namespaces/default/pods/p/exec?command=sh")
                .toString()
                .replaceFirst("^http", "ws"));
    long started = System.nanoTime();

    List<Session> sessions = new ArrayList<>();
    for (int s = 0; s < SESSIONS; s++) {
      sessions.add(
          client.connect(
              uri, List.of("v4.channel.k8s.io"), Map.of("Backstage-Kubernetes-Cluster", "alpha")));
    }
    AtomicInteger sendFailures = new AtomicInteger();
    Callback countFailure = Callback.from(() -> {}, failure -> sendFailures.incrementAndGet());
    for (int f = 0; f < FRAMES_PER_SESSION; f++) {
      for (int s = 0; s < SESSIONS; s++) {
        sessions.get(s).send(opCode(f), payload(s, f), countFailure);
      }
    }
    int matched = 0;
    for (int s = 0; s < SESSIONS; s++) {
      for (int f = 0; f < FRAMES_PER_SESSION; f++) {
        Frame echoed = sessions.get(s).next(TIMEOUT);
        assertThat(echoed.getOpCode()).isEqualTo(opCode(f));
        assertThat(echoed.getPayloadAsUTF8())
            .isEqualTo(new String(payload(s, f), StandardCharsets.UTF_8));
        matched++;
      }
    }

    LOG.info(
        "{} sessions x {} frames: {} echoed in order through the proxy in {} ms",
        SESSIONS,
        FRAMES_PER_SESSION,
        matched,
        (System.nanoTime() - started) / 1_000_000);
    assertThat(sendFailures).hasValue(0);
    assertThat(matched).isEqualTo(SESSIONS * FRAMES_PER_SESSION);
  }

  private static byte opCode(int frame) {
    return frame % 2 == 0 ? OpCode.TEXT : OpCode.BINARY;
  }

  private static byte[] payload(int session, int frame) {
    return ("session-" + session + " frame-" + frame).getBytes(StandardCharsets.UTF_8);
  }
}
