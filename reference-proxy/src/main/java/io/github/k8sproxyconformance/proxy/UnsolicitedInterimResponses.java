package io.github.k8sproxyconformance.proxy;

import org.eclipse.jetty.client.ProcessingProtocolHandler;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Skips interim (1xx) responses from a cluster that nobody asked for, so the exchange waits for the
 * final response instead of taking the first interim one for it.
 *
 * <p>RFC 9110 (15.2) requires a client to be ready for any number of 1xx responses before the final
 * one. Jetty's client treats an interim status without a protocol handler as the final response: a
 * cluster that sent {@code 100 Continue} to a GET left its caller with a bare 100 and then nothing.
 * The proxy never sends {@code Expect} to a cluster (see {@link ExpectationAnsweredHere}), so every
 * 100 from a cluster is unsolicited; it is dropped, as Node drops it. 101 belongs to WebSocket
 * upgrades; 102 and 103 have Jetty's own handlers, which pass them on to the caller.
 */
final class UnsolicitedInterimResponses extends ProcessingProtocolHandler {

  @Override
  public String getName() {
    return "unsolicited-interim";
  }

  @Override
  public boolean accept(Request request, Response response) {
    int status = response.getStatus();
    return HttpStatus.isInformational(status)
        && status != HttpStatus.SWITCHING_PROTOCOLS_101
        && status != HttpStatus.PROCESSING_102
        && status != HttpStatus.EARLY_HINTS_103;
  }
}
