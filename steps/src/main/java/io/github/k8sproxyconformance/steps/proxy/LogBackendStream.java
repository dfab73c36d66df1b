package io.github.k8sproxyconformance.steps.proxy;

import java.io.PrintStream;

/**
 * The stream a logging backend in this JVM writes its lines to, which {@link ProxyLog} splices its
 * copy into.
 *
 * <p>Found through {@link java.util.ServiceLoader}: the run that starts the reference proxy in this
 * JVM provides the one of its backend, and a run against a proxy given by URL needs none.
 */
public interface LogBackendStream {

  /**
   * The stream the backend writes to now.
   *
   * @throws IllegalStateException when the backend in use does not write where it can be read
   */
  PrintStream current();

  /** Makes the backend write every line to {@code stream} from now on. */
  void replace(PrintStream stream);
}
