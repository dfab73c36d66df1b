package io.github.k8sproxyconformance.proxy;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * Jetty's HTTP/1 connection, with {@link #onFillable} never run by two threads at once.
 *
 * <p>Jetty 12.1.14 runs it twice at once after a request it cannot parse: {@code
 * HttpConnection.RequestHandler.badMessage}, called from the parser inside {@code onFillable},
 * hands the 400 answer to another thread; when that answer completes, {@code
 * HttpStreamOverHTTP1.succeeded} finds {@code _handling} false (only a parsed request sets it) and
 * takes this for "onFillable has returned", so it resumes the connection with a second {@code
 * onFillable} on a pool thread while the first is still on its way out. Both then release the same
 * request buffer ({@code onFillable}: the {@code _failure != null} branch in one, the catch block
 * on "Parser is terminated" in the other). When the pool has handed that buffer to another
 * connection between the two releases, the second one gives it back while that connection still
 * reads into it, and a third connection's reads clear or consume its bytes: a request of any kind,
 * on any connection, is read and then never answered ({@code NonBlockingHandlerReproduction}). The
 * double release happens whatever the handler's invocation type; requests were lost only with a
 * non-blocking handler, whose connections are read on the selector thread (7 of 1.1 million).
 *
 * <p>The overlap itself is common: under the reproduction's traffic about 1 request in 10 found
 * another call still running, mostly on its way out; both reaching the buffer is what is rare. A
 * call that finds another in progress only counts itself; the running one repeats once per such
 * call when it is done, which is the order Jetty meant: the resumed read after the first.
 */
class OneFillerHttpConnection extends HttpConnection {
  /** Calls of {@link #onFillable} started and not yet run; the one that made it 1 runs them. */
  private final AtomicInteger pendingFills = new AtomicInteger();

  OneFillerHttpConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
    super(configuration, connector, endPoint);
  }

  /**
   * Asks the selector to call {@link #onFillable} when bytes arrive, as Jetty's own callback does.
   */
  private final Callback fillable =
      new Callback() {
        @Override
        public void succeeded() {
          onFillable();
        }

        @Override
        public void failed(Throwable failure) {
          onFillInterestedFailed(failure);
        }

        @Override
        public InvocationType getInvocationType() {
          return getServer().getInvocationType();
        }
      };

  @Override
  public final void onFillable() {
    if (pendingFills.getAndIncrement() == 0) {
      fillWhilePending(true);
    }
  }

  /**
   * Resumes the connection after a response completed once its handler had returned, which for a
   * proxy is every response: called by {@link ProxyThreadPool} instead of running {@link
   * #onFillable} on a pool thread, as Jetty's {@code HttpStreamOverHTTP1.resume} asks for.
   *
   * <p>That thread would mostly find no byte of a next request yet, and only ask to be called when
   * one arrives: a thread woken and a read made for nothing, on every request. Here, when the
   * connection is ready for its next request and none of it is buffered, that request to be called
   * is made at once on the calling thread; otherwise the pass runs on it. Only for a non-blocking
   * server, whose handler may run on any thread. Returns false when a pool thread must run it.
   */
  boolean resumeHere() {
    if (getServer().getInvocationType() != InvocationType.NON_BLOCKING) {
      return false;
    }
    if (pendingFills.getAndIncrement() != 0) {
      return true; // a pass is running: it repeats for this call
    }
    fillWhilePending(!(getParser().isStart() && isRequestBufferEmpty()));
    return true;
  }

  /**
   * Runs the passes counted in {@link #pendingFills}, by the thread that counted the first; that
   * first one only asks to be called on bytes when {@code readNow} is false.
   */
  private void fillWhilePending(boolean readNow) {
    do {
      if (readNow) {
        super.onFillable();
        afterFillable();
      } else {
        tryFillInterested(fillable);
      }
      readNow = true;
    } while (pendingFills.decrementAndGet() != 0);
  }

  /** Runs after each pass of {@link #onFillable}, by the same thread, never concurrently. */
  protected void afterFillable() {}
}
