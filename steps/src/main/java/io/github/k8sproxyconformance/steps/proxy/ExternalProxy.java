package io.github.k8sproxyconformance.steps.proxy;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A proxy the harness did not start, reached by the URL the user gave.
 *
 * <p>Its configuration and lifecycle belong to the user, so there are no startup warnings to read
 * and nothing to stop.
 */
public final class ExternalProxy implements ProxyTarget {

  private final URI endpoint;

  /** Wraps the endpoint of a running proxy. */
  public ExternalProxy(URI endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public boolean bundled() {
    return false;
  }

  @Override
  public List<String> startupWarnings() {
    return List.of();
  }

  @Override
  public String description() {
    return "external proxy at " + endpoint;
  }

  @Override
  public void close() {
    // the user's proxy keeps running: the harness never owned it
  }
}
