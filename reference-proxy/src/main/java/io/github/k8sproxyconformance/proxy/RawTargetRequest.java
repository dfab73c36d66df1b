package io.github.k8sproxyconformance.proxy;

import java.net.URI;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpConversation;
import org.eclipse.jetty.client.transport.HttpRequest;

/**
 * A request to a cluster whose target, path and query, is sent exactly as the proxy computed it.
 *
 * <p>Jetty's client parses a path given to {@link HttpRequest#path} with {@link java.net.URI},
 * splits its query into parameters and joins both again when it writes the request line: work and
 * garbage on every request, for a target the proxy has already checked and must not change. Here
 * the target is kept as one string, which Jetty then writes as it is; it is what Jetty itself does
 * with a target {@code java.net.URI} rejects.
 */
final class RawTargetRequest extends HttpRequest {
  private String target;

  /**
   * @param origin the cluster's scheme, host and port
   * @param target the raw path and query, starting with {@code /}
   */
  RawTargetRequest(HttpClient client, URI origin, String target) {
    super(client, new HttpConversation(), origin);
    this.target = target;
  }

  @Override
  public String getPath() {
    return target;
  }

  @Override
  public String getQuery() {
    return null;
  }

  @Override
  public org.eclipse.jetty.client.Request path(String path) {
    this.target = path;
    return this;
  }
}
