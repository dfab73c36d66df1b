package io.github.k8sproxyconformance.steps.proxy;

import java.net.URI;
import java.util.List;

/**
 * The proxy endpoint a scenario talks to.
 *
 * <p>Steps address a proxy only through this: the bundled reference proxy and a proxy given by URL
 * look the same to them, which is what lets one suite certify any implementation.
 */
public interface ProxyTarget extends AutoCloseable {

  /** The endpoint base, e.g. {@code http://127.0.0.1:41234/api/kubernetes/proxy}. */
  URI endpoint();

  /** True for a reference proxy started by the harness. */
  boolean bundled();

  /** Warnings the proxy gave at startup; always empty for a proxy the harness did not start. */
  List<String> startupWarnings();

  /** One line saying what this target is, for evidence and the report. */
  String description();

  /** Stops the proxy if the harness started it. */
  @Override
  void close();
}
