package io.github.k8sproxyconformance.steps.target;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.StdErrAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a proxy running in this JVM logs: a copy of every line the logging backend writes.
 *
 * <p>"No token in a log line" can only be checked where the log can be read, which is the bundled
 * reference proxy (and the broken proxies built from it): they log through SLF4J to Jetty's
 * standard-error appender in this JVM, whose stream this copy is spliced into. The lines still go
 * to standard error as before. The copy keeps at most {@link #LIMIT} characters; older text is
 * dropped, so a long suite cannot exhaust memory.
 */
public final class ProxyLog {

  /** How much text is kept: many scenarios' worth of log lines. */
  static final int LIMIT = 4 * 1024 * 1024;

  private static ProxyLog installed;

  private final StringBuilder text = new StringBuilder();
  private long dropped;

  private ProxyLog() {}

  /**
   * The copy of this JVM's log, spliced in on the first call.
   *
   * @throws IllegalStateException when the logging backend is not Jetty's standard-error appender,
   *     so no line could be read
   */
  public static synchronized ProxyLog capture() {
    if (installed == null) {
      Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
      if (!(root instanceof JettyLogger jetty)
          || !(jetty.getAppender() instanceof StdErrAppender appender)) {
        throw new IllegalStateException(
            "the proxy log cannot be read: the SLF4J backend is "
                + root.getClass().getName()
                + ", not Jetty's standard-error appender");
      }
      ProxyLog log = new ProxyLog();
      // an appender made without a stream writes to whatever System.err is at the time
      PrintStream original = appender.getStream() != null ? appender.getStream() : System.err;
      appender.setStream(new PrintStream(log.tee(original), true, StandardCharsets.UTF_8));
      installed = log;
    }
    return installed;
  }

  /** A position in the log; {@link #since} returns what was logged after it. */
  public synchronized long mark() {
    return dropped + text.length();
  }

  /** The text logged since {@code mark}, or as much of it as is still kept. */
  public synchronized String since(long mark) {
    int start = (int) Math.max(0, mark - dropped);
    return start >= text.length() ? "" : text.substring(start);
  }

  private synchronized void append(String logged) {
    text.append(logged);
    int excess = text.length() - LIMIT;
    if (excess > 0) {
      text.delete(0, excess);
      dropped += excess;
    }
  }

  private OutputStream tee(PrintStream original) {
    return new OutputStream() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        original.write(b);
        line.write(b);
        if (b == '\n') {
          flushLine();
        }
      }

      @Override
      public synchronized void write(byte[] bytes, int offset, int length) {
        original.write(bytes, offset, length);
        line.write(bytes, offset, length);
        flushLine();
      }

      @Override
      public synchronized void flush() {
        original.flush();
        flushLine();
      }

      private void flushLine() {
        if (line.size() > 0) {
          append(line.toString(StandardCharsets.UTF_8));
          line.reset();
        }
      }
    };
  }
}
