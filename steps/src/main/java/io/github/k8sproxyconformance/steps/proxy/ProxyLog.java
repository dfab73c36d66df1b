package io.github.k8sproxyconformance.steps.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.StdErrAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a proxy running in this JVM logs: a copy of every line the logging backend writes.
 *
 * <p>"No token in a log line" can only be checked where the log can be read, which is the bundled
 * reference proxy (and the broken proxies built from it): they log through SLF4J to Jetty's
 * standard-error appender in this JVM, whose stream this copy is spliced into. The lines go on to
 * standard error, or to a file once {@link #routeTo(Path)} was called: a conformance run keeps the
 * console for its progress and verdict, and the warnings of a dozen servers about the faults the
 * scenarios provoke on purpose would bury both. The copy keeps at most {@link #LIMIT} characters;
 * older text is dropped, so a long suite cannot exhaust memory.
 */
public final class ProxyLog {

  /** How much text is kept: many scenarios' worth of log lines. */
  static final int LIMIT = 4 * 1024 * 1024;

  private static ProxyLog installed;

  private final StringBuilder text = new StringBuilder();
  private long dropped;

  /** Where the lines go on to: standard error, or the file given to {@link #routeTo(Path)}. */
  private volatile PrintStream sink;

  /**
   * The file {@link #sink} writes to when this class opened it; closed when it routes elsewhere.
   */
  private Path routedTo;

  private ProxyLog(PrintStream sink) {
    this.sink = sink;
  }

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
      // an appender made without a stream writes to whatever System.err is at the time
      PrintStream original = appender.getStream() != null ? appender.getStream() : System.err;
      ProxyLog log = new ProxyLog(original);
      appender.setStream(new PrintStream(log.tee(), true, StandardCharsets.UTF_8));
      installed = log;
    }
    return installed;
  }

  /**
   * Sends every line logged in this JVM from now on to {@code file} (created or emptied) instead of
   * standard error; what {@link #since} returns is unchanged. Routing again to the file already in
   * use keeps it as it is, so a launcher and the run it starts can both name it.
   *
   * @throws IllegalStateException as {@link #capture()} does
   * @throws IOException when the file cannot be written
   */
  public static synchronized ProxyLog routeTo(Path file) throws IOException {
    ProxyLog log = capture();
    Path target = file.toAbsolutePath().normalize();
    if (target.equals(log.routedTo)) {
      return log;
    }
    Files.createDirectories(target.getParent());
    PrintStream previous = log.sink;
    log.sink = new PrintStream(Files.newOutputStream(target), true, StandardCharsets.UTF_8);
    if (log.routedTo != null) {
      previous.close();
    }
    log.routedTo = target;
    return log;
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

  private OutputStream tee() {
    return new OutputStream() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        sink.write(b);
        line.write(b);
        if (b == '\n') {
          flushLine();
        }
      }

      @Override
      public synchronized void write(byte[] bytes, int offset, int length) {
        sink.write(bytes, offset, length);
        line.write(bytes, offset, length);
        flushLine();
      }

      @Override
      public synchronized void flush() {
        sink.flush();
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
