package io.github.k8sproxyconformance.proxy;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;

/**
 * Jetty's HTTP/1.1 client transport to one cluster, with the origin of each of its pools made once.
 *
 * <p>Jetty builds an origin, the key of a connection pool, for every request it sends: garbage on
 * every request, and more with the dynamic transport, which also streams over its protocol list.
 * Every request of a cluster handler goes to the same cluster, tagged with one of {@link
 * PoolShards}' pool numbers, so one origin per pool serves them all. A cluster is spoken to in
 * HTTP/1.1 only, WebSocket upgrades included, so the dynamic transport had nothing to negotiate.
 */
final class ShardedTransport extends HttpClientTransportOverHTTP {
  private final AtomicReferenceArray<Origin> origins;

  ShardedTransport(ClientConnector connector, int shards) {
    super(connector);
    this.origins = new AtomicReferenceArray<>(shards);
  }

  @Override
  public Origin newOrigin(Request request) {
    if (!(request.getTag() instanceof Integer shard) || shard < 0 || shard >= origins.length()) {
      return super.newOrigin(request); // a WebSocket handshake: no pool of its own
    }
    Origin origin = origins.get(shard);
    if (origin == null) {
      origin = super.newOrigin(request);
      origins.set(shard, origin); // two threads may both make it: equal origins, either will do
    } else if (request.getTransport() == null) {
      request.transport(origin.getTransport());
    }
    return origin;
  }
}
