package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.AccessLogSettings;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.AsyncRequestLogWriter;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one line per exchange, in an NCSA format, formatted when the exchange completes
 * and written by a background thread.
 *
 * <p>Writing a line per exchange on the thread serving it (as an INFO line of the application log
 * did) cost a synchronous write to standard error per request. Jetty's request log takes the line
 * off the request path. The formats log the request path, status and sizes, Referer and User-Agent,
 * never another header, so no credential header can appear; see {@link AccessLogSettings} for the
 * query string.
 */
final class AccessLog {
  /** The logger of access lines sent to the application log. */
  static final String LOGGER_NAME = "io.github.k8sproxyconformance.access";

  /** Lines waiting to be written; as Jetty's own writer, beyond this they are dropped. */
  private static final int QUEUE_SIZE = 1024;

  private AccessLog() {}

  /** The request log for the settings; empty when it is off. */
  static Optional<RequestLog> of(AccessLogSettings settings) {
    RequestLog.Writer writer =
        switch (settings.destination()) {
          case OFF -> null;
          case STDERR -> new AsyncRequestLogWriter();
          case FILE -> new AsyncRequestLogWriter(settings.file().orElseThrow().toString());
          case LOG -> new BackgroundLogWriter();
        };
    return Optional.ofNullable(writer).map(w -> new CustomRequestLog(w, settings.format()));
  }

  /**
   * Jetty's SLF4J writer behind a queue and a thread of its own, as {@link AsyncRequestLogWriter}
   * does for streams: the application log's appender writes synchronously.
   */
  private static final class BackgroundLogWriter extends Slf4jRequestLogWriter {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
    private Thread thread;
    private volatile boolean warnedFull;

    BackgroundLogWriter() {
      setLoggerName(LOGGER_NAME);
    }

    @Override
    protected void doStart() throws Exception {
      super.doStart();
      thread = new Thread(this::drain, "access-log");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    protected void doStop() throws Exception {
      thread.interrupt();
      thread.join(TimeUnit.SECONDS.toMillis(5));
      super.doStop();
    }

    @Override
    public void write(String line) {
      if (!queue.offer(line) && !warnedFull) {
        warnedFull = true;
        LOG.warn("access log queue full: lines are dropped until it drains");
      }
    }

    private void drain() {
      try {
        while (true) {
          writeNow(queue.take());
        }
      } catch (InterruptedException stopped) {
        String line;
        while ((line = queue.poll()) != null) {
          writeNow(line);
        }
      }
    }

    private void writeNow(String line) {
      try {
        super.write(line);
      } catch (IOException e) {
        LOG.warn("access log line not written: {}", e.toString());
      }
    }
  }
}
