package io.github.k8sproxyconformance.proxy.support;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences the per-exchange warnings of some loggers while a test provokes thousands of failures on
 * purpose, so the build log keeps only what matters; the previous levels come back on close.
 *
 * <p>The Jetty SLF4J provider is a runtime dependency only, hence reflection. With another provider
 * this does nothing.
 */
public final class QuietLogs implements AutoCloseable {
  private final List<Runnable> restore = new ArrayList<>();

  private QuietLogs() {}

  /** Lets only errors through the loggers of {@code types} until closed. */
  public static QuietLogs of(Class<?>... types) {
    QuietLogs quiet = new QuietLogs();
    for (Class<?> type : types) {
      Logger logger = LoggerFactory.getLogger(type);
      try {
        Method getLevel = logger.getClass().getMethod("getLevel");
        Method setLevel = logger.getClass().getMethod("setLevel", getLevel.getReturnType());
        Object previous = getLevel.invoke(logger);
        Method valueOf = getLevel.getReturnType().getMethod("valueOf", String.class);
        setLevel.invoke(logger, valueOf.invoke(null, "ERROR"));
        quiet.restore.add(
            () -> {
              try {
                setLevel.invoke(logger, previous);
              } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
              }
            });
      } catch (ReflectiveOperationException e) {
        // not the Jetty provider: leave its level alone
      }
    }
    return quiet;
  }

  @Override
  public void close() {
    restore.forEach(Runnable::run);
  }
}
