package io.github.k8sproxyconformance.testkit.http;

/**
 * Nothing (more) arrived from the proxy within the time the client allowed.
 *
 * <p>A failure like any other for most steps; but a step that expects no answer (a hung cluster) or
 * tells a stream that hangs from one that breaks off needs to know a timeout from a broken
 * response, so it has a type of its own.
 */
public final class TimedOut extends AssertionError {

  private static final long serialVersionUID = 1L;

  TimedOut(String message) {
    super(message);
  }
}
