package io.github.k8sproxyconformance.testkit.upstream;

import java.net.URI;
import java.time.Duration;

/**
 * A test server built on a {@link LoopbackServer}: where it listens and what its connections did,
 * answered once here for every such server instead of by accessors of each.
 */
public interface ServedOnLoopback {
  /** The socket server underneath. */
  LoopbackServer server();

  /** The port it listens on. */
  default int port() {
    return server().port();
  }

  /** {@code http://127.0.0.1:<port>}. */
  default URI url() {
    return server().url();
  }

  /** Connections accepted since the start, or since the count was last reset. */
  default int accepted() {
    return server().accepted();
  }

  /** Connections not yet closed by either side. */
  default int open() {
    return server().open();
  }

  /** Waits, at most {@code limit}, until no connection is open; returns how many still are. */
  default int awaitNoneOpen(Duration limit) throws InterruptedException {
    return server().awaitNoneOpen(limit);
  }
}
