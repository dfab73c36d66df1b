package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.config.ClusterUrl;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.http.BadMessageException;
import org.junit.jupiter.api.Test;

class UpstreamFailureTest {
  private static final ClusterUrl URL =
      ClusterUrl.parse("https://k8s.invalid:6443/x").orElseThrow();

  @Test
  void mapsJavaFailuresToNodeCodes() {
    assertThat(UpstreamFailure.of(new ConnectException("Connection refused"), URL))
        .isEqualTo(new UpstreamFailure("ECONNREFUSED", "connect ECONNREFUSED k8s.invalid:6443"));
    assertThat(UpstreamFailure.of(new UnknownHostException("k8s.invalid"), URL))
        .isEqualTo(new UpstreamFailure("ENOTFOUND", "getaddrinfo ENOTFOUND k8s.invalid"));
    assertThat(UpstreamFailure.of(new UnresolvedAddressException(), URL).code())
        .isEqualTo("ENOTFOUND");
    assertThat(UpstreamFailure.of(new SocketTimeoutException("Connect Timeout"), URL))
        .isEqualTo(new UpstreamFailure("ETIMEDOUT", "connect ETIMEDOUT k8s.invalid:6443"));
    assertThat(UpstreamFailure.of(new TimeoutException("Idle timeout 500 ms"), URL).code())
        .isEqualTo("ETIMEDOUT");
    assertThat(UpstreamFailure.of(new SSLHandshakeException("Received fatal alert"), URL))
        .isEqualTo(new UpstreamFailure("EPROTO", "write EPROTO Received fatal alert"));
    assertThat(UpstreamFailure.of(new EOFException(), URL))
        .isEqualTo(new UpstreamFailure("ECONNRESET", "socket hang up"));
  }

  @Test
  void aResponseThatIsNotHttpGivesTheParserReasonOnly() {
    Throwable failure =
        new HttpResponseException(
            "HTTP protocol violation: bad response on HttpConnectionOverHTTP@1f2e::127.0.0.1:6443",
            null,
            new BadMessageException(400, "Illegal character CNTL=0x15"));
    assertThat(UpstreamFailure.of(failure, URL))
        .isEqualTo(new UpstreamFailure("EPROTO", "Parse Error: Illegal character CNTL=0x15"));
  }

  @Test
  void looksThroughWrappingExceptions() {
    Throwable wrapped =
        new ExecutionException(new IOException("wrapper", new ConnectException("x")));
    assertThat(UpstreamFailure.of(wrapped, URL).code()).isEqualTo("ECONNREFUSED");
  }
}
