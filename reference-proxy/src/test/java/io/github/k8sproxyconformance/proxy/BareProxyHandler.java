package io.github.k8sproxyconformance.proxy;

import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.proxy.config.ClusterUrl;
import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import io.github.k8sproxyconformance.proxy.config.ProxyConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * A measuring stick, not a proxy: the least a handler written directly on Jetty's core {@link
 * Request}, {@link Response} and {@link HttpClient} does to pass a GET to one cluster, with the
 * same server, client transport, pools and request-header copy as the reference proxy, and none of
 * ProxyHandler's hooks or the contract's checks (no cluster selection, no body, no error envelope).
 *
 * <p>{@code bench/run.sh --bare} runs it beside the reference proxy, so that the CPU and garbage
 * per request of the two tell what ProxyHandler and the contract's work add to Jetty's own. Started
 * with the same {@code --config} files as the proxy; it forwards to their first cluster.
 */
final class BareProxyHandler extends Handler.Abstract {
  private static final EnumSet<HttpHeader> HOP_BY_HOP =
      EnumSet.of(
          HttpHeader.CONNECTION,
          HttpHeader.KEEP_ALIVE,
          HttpHeader.PROXY_CONNECTION,
          HttpHeader.TRANSFER_ENCODING,
          HttpHeader.TE,
          HttpHeader.TRAILER,
          HttpHeader.UPGRADE);

  private final String mountPath;
  private final URI origin;
  private final HttpField host;
  private final CredentialPolicy.Credential token;
  private final PoolShards shards;
  private final HttpClient client;

  BareProxyHandler(ProxyConfig config) {
    super(InvocationType.NON_BLOCKING); // as the proxy's endpoint: it never blocks
    ClusterConfig cluster = config.clusters().get(0);
    ClusterUrl url = cluster.url();
    this.mountPath = config.mountPath();
    this.origin = URI.create(url.scheme() + "://" + url.host() + ":" + url.port());
    this.host = new HttpField(HttpHeader.HOST, url.hostHeader());
    this.token =
        new CredentialPolicy.Replace(
            Optional.of("Bearer " + cluster.serviceAccountToken().orElse("")));
    this.shards = new PoolShards(config.limits());
    ShardedTransport transport = new ShardedTransport(new ClientConnector(), shards.count());
    transport.setInvocationType(InvocationType.NON_BLOCKING);
    this.client = new HttpClient(transport);
    client.setUserAgentField(null);
    client.setFollowRedirects(false);
    shards.configure(client);
    addBean(client);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String query = request.getHttpURI().getQuery();
    String path = request.getHttpURI().getPath().substring(mountPath.length());
    RawTargetRequest upstream =
        new RawTargetRequest(client, origin, query == null ? path : path + "?" + query);
    upstream.method(request.getMethod());
    // the same header copy as the proxy's, so that the comparison is of everything around it
    upstream.headers(
        headers -> ClusterRequestHeaders.copy(request.getHeaders(), headers, host, token));
    shards.assign(upstream).send(new Relay(response, callback));
    return true;
  }

  /** Passes the cluster's answer on as it arrives, reading more only once the client took it. */
  private static final class Relay implements org.eclipse.jetty.client.Response.Listener {
    private final Response response;
    private final Callback callback;

    Relay(Response response, Callback callback) {
      this.response = response;
      this.callback = callback;
    }

    @Override
    public void onHeaders(org.eclipse.jetty.client.Response upstream) {
      response.setStatus(upstream.getStatus());
      HttpFields.Mutable headers = response.getHeaders();
      for (HttpField field : upstream.getHeaders()) {
        if (!HOP_BY_HOP.contains(field.getHeader())) {
          headers.add(field);
        }
      }
    }

    @Override
    public void onContent(
        org.eclipse.jetty.client.Response upstream, Content.Chunk chunk, Runnable demander) {
      chunk.retain(); // the client keeps the chunk only while this call runs
      response.write(
          false,
          chunk.getByteBuffer(),
          Callback.from(
              () -> {
                chunk.release();
                demander.run();
              },
              failure -> {
                chunk.release();
                upstream.abort(failure);
              }));
    }

    @Override
    public void onComplete(Result result) {
      if (result.isFailed()) {
        callback.failed(result.getFailure());
      } else {
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
      }
    }
  }

  /** Serves the bare handler on the proxy's config files: {@code --config FILE...}. */
  public static void main(String[] args) throws Exception {
    ProxyConfig config =
        ConfigLoader.load(
            java.util.Arrays.stream(args)
                .filter(a -> !a.equals("--config"))
                .map(Path::of)
                .toList());
    ReferenceProxyServer server = ReferenceProxyServer.start(config, new BareProxyHandler(config));
    System.out.println("bare handler listening on " + server.endpoint());
    server.join();
  }
}
