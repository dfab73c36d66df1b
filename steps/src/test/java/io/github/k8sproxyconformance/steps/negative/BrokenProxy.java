package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.steps.target.ProxyTarget;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proxy that breaks one rule of the contract on purpose: the reference proxy with a changed
 * configuration, with relays in front of it or behind it, or a relay routing around it.
 *
 * <p>It is a {@link ProxyTarget} like any other, so the unchanged suite runs against it; a scenario
 * that still passes cannot detect the behaviour its {@code # catches:} line claims.
 */
final class BrokenProxy implements ProxyTarget {

  private static final Logger LOG = LoggerFactory.getLogger(BrokenProxy.class);

  private final String name;
  private final URI endpoint;
  private final List<AutoCloseable> parts;

  BrokenProxy(String name, URI endpoint, List<AutoCloseable> parts) {
    this.name = name;
    this.endpoint = endpoint;
    this.parts = new ArrayList<>(parts);
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public boolean bundled() {
    return true;
  }

  @Override
  public List<String> startupWarnings() {
    return List.of();
  }

  @Override
  public String description() {
    return "broken proxy '" + name + "' at " + endpoint;
  }

  @Override
  public void close() {
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("closing a part of broken proxy {}", name, e);
      }
    }
  }
}
