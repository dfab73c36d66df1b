package io.github.k8sproxyconformance.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.StdErrAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends everything logged through SLF4J (the reference proxy, Jetty, the fixtures, the harness) to
 * a file instead of the console, which is for the run's progress and verdict.
 *
 * <p>The backend is Jetty's {@code jetty-slf4j-impl}, whose loggers share one standard-error
 * appender; giving it a stream keeps its format and its levels ({@code jetty-logging.properties}),
 * and the harness's copy of the proxy log (which splices into the appender's stream) still sees
 * every line.
 */
final class LogFile {

  private LogFile() {}

  /**
   * Points the appender at {@code file}, replacing its content.
   *
   * @throws IllegalStateException when the SLF4J backend is not Jetty's
   */
  static void redirect(Path file) {
    Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    if (!(root instanceof JettyLogger jetty)
        || !(jetty.getAppender() instanceof StdErrAppender appender)) {
      throw new IllegalStateException("the SLF4J backend is " + root.getClass().getName());
    }
    try {
      appender.setStream(
          new PrintStream(new FileOutputStream(file.toFile()), true, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
