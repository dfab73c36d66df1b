package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.steps.proxy.ProxyTarget;
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
  private final List<String> startupWarnings;

  /**
   * @param parts what to close with it: the reference proxy, relays
   * @param startupWarnings the warnings of its reference proxy, reported as its own
   */
  BrokenProxy(String name, URI endpoint, List<AutoCloseable> parts, List<String> startupWarnings) {
    this.name = name;
    this.endpoint = endpoint;
    this.parts = new ArrayList<>(parts);
    this.startupWarnings = List.copyOf(startupWarnings);
  }

  /** The same proxy, reporting no startup warnings: one that starts silently. */
  BrokenProxy silenced() {
    return new BrokenProxy(name, endpoint, parts, List.of());
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
    return startupWarnings;
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
