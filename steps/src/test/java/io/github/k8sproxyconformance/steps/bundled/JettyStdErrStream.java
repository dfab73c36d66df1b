package io.github.k8sproxyconformance.steps.bundled;

import io.github.k8sproxyconformance.steps.proxy.LogBackendStream;
import java.io.PrintStream;
import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.StdErrAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream of Jetty's standard-error appender, the SLF4J backend of the bundled run; the {@link
 * java.util.ServiceLoader} provider behind {@code ProxyLog}.
 *
 * <p>The reference proxy, the fixtures and Jetty all log through it, so splicing a copy into its
 * stream is how a scenario reads what the proxy logged.
 */
public final class JettyStdErrStream implements LogBackendStream {

  @Override
  public PrintStream current() {
    StdErrAppender appender = appender();
    // an appender made without a stream writes to whatever System.err is at the time
    return appender.getStream() != null ? appender.getStream() : System.err;
  }

  @Override
  public void replace(PrintStream stream) {
    appender().setStream(stream);
  }

  private static StdErrAppender appender() {
    Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    if (!(root instanceof JettyLogger jetty)
        || !(jetty.getAppender() instanceof StdErrAppender appender)) {
      throw new IllegalStateException(
          "the proxy log cannot be read: the SLF4J backend is "
              + root.getClass().getName()
              + ", not Jetty's standard-error appender");
    }
    return appender;
  }
}
