package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.AccessLogSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.RequestLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one line per exchange, in an NCSA format, formatted by Jetty's {@link
 * CustomRequestLog} when the exchange completes and written in batches by {@link
 * BatchingLogWriter}.
 *
 * <p>Writing a line per exchange on the thread serving it (as an INFO line of the application log
 * did) cost a synchronous write to standard error per request. The formats log the request path,
 * status and sizes, Referer and User-Agent, never another header, so no credential header can
 * appear; see {@link AccessLogSettings} for the query string.
 */
final class AccessLog {
  /** The logger of access lines sent to the application log. */
  static final String LOGGER_NAME = "io.github.k8sproxyconformance.access";

  private AccessLog() {}

  /** The request log for the settings; empty when it is off. */
  static Optional<RequestLog> of(AccessLogSettings settings) {
    BatchingLogWriter.Sink sink =
        switch (settings.destination()) {
          case OFF -> null;
          case STDERR -> standardError();
          case FILE -> file(settings.file().orElseThrow());
          case LOG -> applicationLog();
        };
    return Optional.ofNullable(sink)
        .map(s -> new CustomRequestLog(new BatchingLogWriter(s), settings.format()));
  }

  /** Standard error as it is when the proxy starts (a test or launcher may have replaced it). */
  private static BatchingLogWriter.Sink standardError() {
    return new BatchingLogWriter.Sink() {
      private PrintStream err;

      @Override
      public void open() {
        err = System.err;
      }

      @Override
      public void write(CharSequence lines) {
        err.append(lines);
        err.flush();
      }

      @Override
      public void close() {}
    };
  }

  private static BatchingLogWriter.Sink file(Path path) {
    return new BatchingLogWriter.Sink() {
      private Writer out;

      @Override
      public void open() throws IOException {
        out =
            Files.newBufferedWriter(
                path,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
      }

      @Override
      public void write(CharSequence lines) throws IOException {
        out.append(lines);
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  /** One INFO line per exchange: for runs that collect the application log, such as the suite's. */
  private static BatchingLogWriter.Sink applicationLog() {
    Logger log = LoggerFactory.getLogger(LOGGER_NAME);
    return new BatchingLogWriter.Sink() {
      @Override
      public void open() {}

      @Override
      public void write(CharSequence lines) {
        lines.toString().lines().forEach(log::info);
      }

      @Override
      public void close() {}
    };
  }
}
