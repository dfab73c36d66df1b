package io.github.k8sproxyconformance.proxy;

import java.time.Duration;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a client connection that takes longer than a deadline to send one request head.
 *
 * <p>Jetty's idle timeout restarts with every byte, so a caller that sends one header line every
 * few seconds (slowloris) keeps a connection, a parser and its buffer for as long as it likes;
 * thousands of them hold the proxy's memory and file descriptors. nginx ({@code
 * client_header_timeout}) and Node ({@code headersTimeout}) bound the whole head instead; so does
 * this factory. The deadline is checked each time bytes arrive, and a head that stalls completely
 * is closed by the idle timeout, so no head lives longer than the deadline plus one idle timeout.
 * The connection is closed without an answer, as nginx does: a caller this slow is not waiting for
 * one. Jetty's own HTTP/1 connection is extended for this, as Jetty has no such setting.
 */
final class RequestHeadDeadline extends HttpConnectionFactory {
  private static final Logger LOG = LoggerFactory.getLogger(RequestHeadDeadline.class);

  private final long deadlineNanos;

  RequestHeadDeadline(HttpConfiguration configuration, Duration deadline) {
    super(configuration);
    this.deadlineNanos = deadline.toNanos();
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection connection =
        new DeadlineConnection(getHttpConfiguration(), connector, endPoint, deadlineNanos);
    connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(connection, connector, endPoint);
  }

  private static final class DeadlineConnection extends OneFillerHttpConnection {
    private final long deadlineNanos;

    /** When the head now arriving began, by {@link System#nanoTime}; 0 between heads. */
    private long headStartedAt;

    DeadlineConnection(
        HttpConfiguration configuration,
        Connector connector,
        EndPoint endPoint,
        long deadlineNanos) {
      super(configuration, connector, endPoint);
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    protected void afterFillable() {
      HttpParser parser = getParser();
      if (!parser.inHeaderState() || parser.isStart()) {
        headStartedAt = 0;
        return;
      }
      long now = System.nanoTime();
      if (headStartedAt == 0) {
        headStartedAt = now;
      } else if (now - headStartedAt > deadlineNanos) {
        LOG.debug(
            "client->proxy {} still sending its request head after {} ms; closing",
            getEndPoint().getRemoteSocketAddress(),
            deadlineNanos / 1_000_000);
        getEndPoint().close();
      }
    }
  }
}
