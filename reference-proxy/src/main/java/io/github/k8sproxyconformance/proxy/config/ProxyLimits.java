package io.github.k8sproxyconformance.proxy.config;

import java.time.Duration;

/**
 * The bounds that keep one hostile cluster or many slow callers from taking the proxy down: how
 * long a caller may take to send a request head, how many exchanges one cluster may hold, and how
 * large a cluster's response head may grow. Chosen and measured in {@code docs/reliability.md}.
 *
 * @param requestHeadTimeout how long a caller may take to send one complete request head; a
 *     connection still sending its head after this is closed (nginx's {@code
 *     client_header_timeout}, Node's {@code headersTimeout}: 60 s)
 * @param maxConnectionsPerCluster connections the proxy opens to one cluster at most; each
 *     in-flight exchange (a watch, a slow upload, a slow download) holds one
 * @param maxQueuedRequestsPerCluster requests that may wait for a connection once a cluster has all
 *     of them; further requests are answered 503 at once
 * @param maxResponseHeadBytes the largest response head accepted from a cluster; a longer one is
 *     answered with the request-error envelope
 * @param maxBufferedRequestBodyBytes the largest request body read whole before its request takes a
 *     cluster connection (kube-apiserver refuses bodies over 3 MiB); a larger one is streamed, and
 *     0 streams every body
 * @param requestBodyBufferPoolBytes the memory all request bodies being read whole share at most; a
 *     body that finds it full is streamed from there on
 */
public record ProxyLimits(
    Duration requestHeadTimeout,
    int maxConnectionsPerCluster,
    int maxQueuedRequestsPerCluster,
    int maxResponseHeadBytes,
    int maxBufferedRequestBodyBytes,
    long requestBodyBufferPoolBytes) {

  /** The defaults: generous enough for 5,000 watches on one cluster, bounded everywhere. */
  public static final ProxyLimits DEFAULTS =
      new ProxyLimits(Duration.ofSeconds(60), 8192, 8192, 16 * 1024, 3 * 1024 * 1024, 32L << 20);

  /** Checks the bounds are usable. */
  public ProxyLimits {
    if (requestHeadTimeout.isNegative() || requestHeadTimeout.isZero()) {
      throw new IllegalArgumentException("requestHeadTimeout must be positive");
    }
    if (maxConnectionsPerCluster < 1 || maxQueuedRequestsPerCluster < 1) {
      throw new IllegalArgumentException("connection limits must be positive");
    }
    if (maxResponseHeadBytes < 1024) {
      throw new IllegalArgumentException("maxResponseHeadBytes must be at least 1024");
    }
    if (maxBufferedRequestBodyBytes < 0 || requestBodyBufferPoolBytes < 0) {
      throw new IllegalArgumentException("request body buffer sizes must not be negative");
    }
  }
}
