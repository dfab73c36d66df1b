package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.ProxyLimits;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;

/**
 * Spreads one cluster's exchanges over several connection pools of at most {@link
 * #CONNECTIONS_PER_SHARD} connections each, filling the first before the next.
 *
 * <p>Jetty's connection pool looks for a free connection by walking all of its connections, so with
 * thousands held by watches and slow callers every new request walked thousands: measured with
 * 4,000 slow readers, half the proxy's CPU went to that walk, and other callers of the cluster
 * waited seconds. Each shard is a destination of its own (Jetty keys destinations by the request's
 * tag), so a walk covers one shard. Up to {@link #CONNECTIONS_PER_SHARD} exchanges in flight use
 * the first shard only, exactly as one pool would.
 */
final class PoolShards {
  /** Connections one pool may hold: a walk over this many costs about a microsecond. */
  static final int CONNECTIONS_PER_SHARD = 256;

  private final Integer[] tags;
  private final AtomicIntegerArray inFlight;
  private final int connectionsPerShard;
  private final int queuedPerShard;

  PoolShards(ProxyLimits limits) {
    int shards = ceilDiv(limits.maxConnectionsPerCluster(), CONNECTIONS_PER_SHARD);
    this.connectionsPerShard = ceilDiv(limits.maxConnectionsPerCluster(), shards);
    this.queuedPerShard = ceilDiv(limits.maxQueuedRequestsPerCluster(), shards);
    this.tags = new Integer[shards];
    for (int i = 0; i < shards; i++) {
      tags[i] = i;
    }
    this.inFlight = new AtomicIntegerArray(shards);
  }

  /** How many pools a cluster's connections are spread over. */
  int count() {
    return tags.length;
  }

  /** Sizes the client's per-destination limits so that all shards together keep the limits. */
  void configure(HttpClient client) {
    client.setMaxConnectionsPerDestination(connectionsPerShard);
    client.setMaxRequestsQueuedPerDestination(queuedPerShard);
  }

  /**
   * Tags {@code request} with the first shard that has a connection to spare, or the least busy one
   * when none has, and counts it in flight until it completes.
   */
  Request assign(Request request) {
    int shard = firstWithRoom();
    if (shard < 0) {
      shard = leastBusy();
      inFlight.incrementAndGet(shard);
    }
    int assigned = shard;
    return request.tag(tags[assigned]).onComplete(result -> inFlight.decrementAndGet(assigned));
  }

  /**
   * The first shard with a connection to spare, counted in flight at once: a check and a separate
   * increment let a burst put more exchanges on a shard than its connections, and the surplus
   * overflowed its queue while connections were still opening.
   */
  private int firstWithRoom() {
    for (int shard = 0; shard < tags.length; shard++) {
      for (int busy = inFlight.get(shard); busy < connectionsPerShard; busy = inFlight.get(shard)) {
        if (inFlight.compareAndSet(shard, busy, busy + 1)) {
          return shard;
        }
      }
    }
    return -1;
  }

  private int leastBusy() {
    int chosen = 0;
    for (int shard = 1; shard < tags.length; shard++) {
      if (inFlight.get(shard) < inFlight.get(chosen)) {
        chosen = shard;
      }
    }
    return chosen;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
