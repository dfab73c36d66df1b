package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import io.github.k8sproxyconformance.proxy.support.Upstream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.junit.jupiter.api.Test;

class ReferenceProxyServerTest extends ProxyTestBase {
  @Test
  void servesUnderAConfiguredMountPath() throws Exception {
    Upstream alpha = upstream();
    startProxy(
        kubernetes(configLocator(serviceAccount("alpha", alpha.url(), "t"))),
        "mountPath: /k8s/proxy");

    assertThat(proxy.endpoint().getPath()).isEqualTo("/k8s/proxy");
    assertThat(get("/api/v1/ns?x=1", "Backstage-Kubernetes-Cluster", "nope").body())
        .contains("\"url\":\"/proxy/api/v1/ns?x=1\"");
    assertThat(get("/api", "Backstage-Kubernetes-Cluster", "alpha").statusCode()).isEqualTo(200);
    assertThat(alpha.onlyRequest().rawTarget()).isEqualTo("/api");
  }

  @Test
  void handlesRequestsWithoutHandingThemToAPoolThread() throws Exception {
    startProxy(kubernetes(configLocator(serviceAccount("alpha", upstream().url(), "t"))));

    assertThat(proxy.invocationType()).isEqualTo(InvocationType.NON_BLOCKING);
  }

  @Test
  void aTakenPortFailsTheStartAndLeavesNothingRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String yaml =
          kubernetes(configLocator())
              + "proxy:\n  listen:\n    port: "
              + taken.getLocalPort()
              + "\n";

      assertThatThrownBy(() -> ReferenceProxyServer.start(ConfigLoader.parse(yaml, Map.of(), dir)))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void closeStopsListening() throws Exception {
    startProxy(kubernetes(configLocator()));
    int port = proxy.endpoint().getPort();
    assertThat(rawSend(port, List.of("GET /healthz HTTP/1.1", "Host: x"), new byte[0]).status())
        .isEqualTo(200);

    proxy.close();

    assertThatThrownBy(
            () -> rawSend(port, List.of("GET /healthz HTTP/1.1", "Host: x"), new byte[0]))
        .hasCauseInstanceOf(IOException.class);
  }
}
