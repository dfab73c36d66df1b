package io.github.k8sproxyconformance.steps.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * What a proxy running in this JVM logs: a copy of every line the logging backend writes.
 *
 * <p>"No token in a log line" can only be checked where the log can be read, which is the bundled
 * reference proxy (and the broken proxies built from it): they log through SLF4J to a backend in
 * this JVM whose stream ({@link LogBackendStream}, Jetty's standard-error appender in the bundled
 * run) this copy is spliced into. The lines go on to standard error, or to a file once {@link
 * #routeTo(Path)} was called: a conformance run keeps the console for its progress and verdict, and
 * the warnings of a dozen servers about the faults the scenarios provoke on purpose would bury
 * both. The copy keeps at most {@link #LIMIT} characters; older text is dropped, so a long suite
 * cannot exhaust memory.
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
   * @throws IllegalStateException when no logging backend of this JVM writes where its lines can be
   *     read
   */
  public static synchronized ProxyLog capture() {
    if (installed == null) {
      LogBackendStream backend =
          ServiceLoader.load(LogBackendStream.class)
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the proxy log cannot be read: no logging backend on the class path"
                              + " offers its stream (the bundled run adds Jetty's)"));
      ProxyLog log = new ProxyLog(backend.current());
      backend.replace(new PrintStream(log.tee(), true, StandardCharsets.UTF_8));
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
