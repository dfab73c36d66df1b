package io.github.k8sproxyconformance.testkit.http;

/**
 * The proxy closed or reset the connection before a whole response head arrived.
 *
 * <p>Usually a failure like any malformed response; but for a request HTTP servers commonly refuse
 * by closing the connection (Node drops a {@code CONNECT} nobody listens for), a scenario may count
 * it as a refusal, so it has a type of its own.
 */
public final class ClosedWithoutResponse extends AssertionError {

  private static final long serialVersionUID = 1L;

  ClosedWithoutResponse(String message) {
    super(message);
  }
}
