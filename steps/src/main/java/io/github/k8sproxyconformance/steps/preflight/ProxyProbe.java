package io.github.k8sproxyconformance.steps.preflight;

import io.github.k8sproxyconformance.testkit.http.RawHttpClient;
import io.github.k8sproxyconformance.testkit.http.RawRequest;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import io.github.k8sproxyconformance.testkit.http.TimedOut;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * One bounded request to the proxy under test naming a cluster in a given header, classified by how
 * it ended.
 *
 * <p>It goes only to the URL the user gave, through the suite's own client, as {@code GET
 * <endpoint>/version} with a {@code User-Agent} of its own, so it reads as what it is in the
 * proxy's log. It runs before the fixtures start: a proxy that knows the cluster forwards to a port
 * nothing listens on yet and answers with an error of its own, and no scenario ever sees the
 * request.
 */
final class ProxyProbe {

  static final String TARGET = "/version";
  static final String USER_AGENT = "k8s-proxy-conformance-preflight";

  /** How a probe ended. */
  enum Ending {
    /** A complete response came back. */
    ANSWERED,
    /** The connection was refused, not made in time, or the host is unknown. */
    UNREACHABLE,
    /** Connected, but the response did not come within the timeout. */
    TIMED_OUT,
    /** A connection was made but no HTTP response came back (a TLS failure, a garbled answer). */
    BROKEN
  }

  /**
   * What came back.
   *
   * @param ending how the probe ended
   * @param status the status code when {@link Ending#ANSWERED}, else 0
   * @param text the start of the body when answered, else what went wrong
   */
  record Result(Ending ending, int status, String text) {}

  private final URI endpoint;
  private final RawHttpClient client;
  private final Optional<String> authorization;

  ProxyProbe(URI endpoint, Duration timeout, Optional<String> authorization) {
    this.endpoint = endpoint;
    this.client = new RawHttpClient(timeout);
    this.authorization = authorization;
  }

  /** Sends the probe with {@code header: cluster}. */
  Result ask(String header, String cluster) {
    RawRequest request =
        RawRequest.get(TARGET).withHeader(header, cluster).withHeader("User-Agent", USER_AGENT);
    if (authorization.isPresent()) {
      request = request.withHeader("Authorization", authorization.get());
    }
    try {
      RawResponse response = client.send(endpoint, request);
      return new Result(Ending.ANSWERED, response.status(), oneLine(response.bodyExcerpt()));
    } catch (TimedOut e) {
      return new Result(Ending.TIMED_OUT, 0, e.getMessage());
    } catch (AssertionError e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || connectTimedOut(cause)) {
        return new Result(Ending.UNREACHABLE, 0, String.valueOf(cause));
      }
      if (cause instanceof SocketTimeoutException) {
        return new Result(Ending.TIMED_OUT, 0, String.valueOf(cause.getMessage()));
      }
      return new Result(Ending.BROKEN, 0, oneLine(String.valueOf(e.getMessage())));
    }
  }

  /** The JDK says "Connect timed out" for a connection, "Read timed out" for a TLS handshake. */
  private static boolean connectTimedOut(Throwable cause) {
    return cause instanceof SocketTimeoutException
        && String.valueOf(cause.getMessage())
            .toLowerCase(java.util.Locale.ROOT)
            .contains("connect");
  }

  private static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
