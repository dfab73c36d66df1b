package io.github.k8sproxyconformance.proxy;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server's thread pool, which resumes a client connection after its response without a thread
 * when it can.
 *
 * <p>A proxy's response completes after its handler has returned (the cluster answers later), and
 * Jetty then hands the connection to this pool to read the caller's next request: a thread woken on
 * every request. {@link OneFillerHttpConnection#resumeHere} does that work on the thread that
 * completed the response instead, which the non-blocking server allows. Every other task runs on
 * the pool as usual.
 */
final class ProxyThreadPool extends QueuedThreadPool {
  ProxyThreadPool() {
    setName("reference-proxy");
  }

  @Override
  public void execute(Runnable job) {
    if (job instanceof OneFillerHttpConnection connection && connection.resumeHere()) {
      return;
    }
    super.execute(job);
  }
}
