package io.github.k8sproxyconformance.proxy;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.SerializedInvoker;

/**
 * Reads a request body whole before its request takes a connection to the cluster.
 *
 * <p>An exchange holds its cluster connection from its first byte to its last. Forwarded at once, a
 * caller that sends its body one byte every few seconds holds one for as long as it likes, and a
 * few thousand such callers take every connection the proxy may open to that cluster, and as many
 * of the cluster's own; its other callers then wait or are refused. Read first, a slow body holds
 * only its caller's connection to the proxy, and the cluster sees the request once it is complete.
 * nginx does the same by default ({@code proxy_request_buffering}); Backstage streams every body.
 *
 * <p>Kubernetes bodies are small (kube-apiserver refuses more than 3 MiB), so they are held in
 * memory, within a bound per request and a pool of memory the process shares. A body beyond either
 * is not refused: it is streamed from where reading got to, as every body was before. Memory is
 * taken as bytes arrive, never for what a {@code Content-Length} merely declares, so slow callers
 * that declare large bodies and send little cost little.
 */
final class RequestBodyBuffering {
  /** The first allocation for a body that does not come in one read. */
  private static final int FIRST_CAPACITY = 1024;

  private final int maxBytes;
  private final AtomicLong poolFree;

  /**
   * @param maxBytes the largest body read whole; 0 streams every body
   * @param poolBytes the memory all bodies being read whole share
   */
  RequestBodyBuffering(int maxBytes, long poolBytes) {
    this.maxBytes = maxBytes;
    this.poolFree = new AtomicLong(poolBytes);
  }

  /** Whether {@code request} comes with a body: a positive length, or a transfer coding. */
  static boolean hasBody(Request request) {
    return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
  }

  /**
   * Whether the body of {@code request} is read here first: it has one, and it is not declared
   * larger than the bound. Other requests go to the cluster as they are.
   */
  boolean readsFirst(Request request) {
    return maxBytes > 0 && request.getLength() <= maxBytes && hasBody(request);
  }

  /**
   * Reads the body of a request that {@link #readsFirst}, then hands {@code forward} a request that
   * replays it. A body the caller breaks while it is read here (cut short, bad chunking, stalled
   * past the idle timeout) goes to {@code unreadable}, and no cluster hears of it.
   */
  void readThenForward(
      Request request,
      Callback callback,
      BiConsumer<Request, Callback> forward,
      Consumer<Throwable> unreadable) {
    new Reading(request, callback, forward, unreadable).run();
  }

  private boolean take(long bytes) {
    long left;
    do {
      left = poolFree.get();
      if (left < bytes) {
        return false;
      }
    } while (!poolFree.compareAndSet(left, left - bytes));
    return true;
  }

  private void giveBack(long bytes) {
    poolFree.addAndGet(bytes);
  }

  /** One body being read. */
  private final class Reading implements Runnable {
    private final Request request;
    private final Callback callback;
    private final BiConsumer<Request, Callback> forward;
    private final Consumer<Throwable> unreadable;
    private byte[] bytes = new byte[0];
    private int length;

    Reading(
        Request request,
        Callback callback,
        BiConsumer<Request, Callback> forward,
        Consumer<Throwable> unreadable) {
      this.request = request;
      this.callback = callback;
      this.forward = forward;
      this.unreadable = unreadable;
    }

    /** Reads what has arrived; demands more, or hands the request on once the body is complete. */
    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          giveBack(bytes.length);
          unreadable.accept(chunk.getFailure());
          return;
        }
        if (chunk.isLast() && length == 0) {
          // the whole body came in one read, already in memory: passed on as it is
          handOn(null, chunk);
          return;
        }
        if (!append(chunk)) {
          handOn(
              length == 0 ? null : Content.Chunk.from(ByteBuffer.wrap(bytes, 0, length), false),
              chunk);
          return;
        }
        boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          handOn(Content.Chunk.from(ByteBuffer.wrap(bytes, 0, length), true), null);
          return;
        }
      }
    }

    /** Copies the chunk in, growing the buffer within the bounds; false when it does not fit. */
    private boolean append(Content.Chunk chunk) {
      ByteBuffer content = chunk.getByteBuffer();
      int needed = length + content.remaining();
      if (needed > maxBytes) {
        return false;
      }
      if (needed > bytes.length) {
        long declared = request.getLength();
        int ceiling = declared > 0 ? (int) declared : maxBytes;
        int capacity =
            Math.max(needed, Math.min(Math.max(2 * bytes.length, FIRST_CAPACITY), ceiling));
        if (!take(capacity - bytes.length)) {
          return false;
        }
        byte[] grown = new byte[capacity];
        System.arraycopy(bytes, 0, grown, 0, length);
        bytes = grown;
      }
      content.get(bytes, length, content.remaining());
      length = needed;
      return true;
    }

    private void handOn(Content.Chunk read, Content.Chunk pending) {
      Replayed replayed = new Replayed(request, read, pending);
      int held = bytes.length;
      forward.accept(
          replayed,
          Callback.from(
              () -> {
                replayed.releaseUnread();
                giveBack(held);
              },
              callback));
    }
  }

  /**
   * The request as the cluster handler reads it: the chunks already read, then whatever the caller
   * still sends.
   */
  private static final class Replayed extends Request.Wrapper {
    private final SerializedInvoker invoker = new SerializedInvoker(Replayed.class);
    private Content.Chunk first;
    private Content.Chunk second;

    Replayed(Request request, Content.Chunk first, Content.Chunk second) {
      super(request);
      this.first = first != null ? first : second;
      this.second = first != null ? second : null;
    }

    @Override
    public synchronized Content.Chunk read() {
      Content.Chunk next = first;
      if (next == null) {
        return super.read();
      }
      first = second;
      second = null;
      return next;
    }

    @Override
    public void demand(Runnable demandCallback) {
      boolean replaying;
      synchronized (this) {
        replaying = first != null;
      }
      if (replaying) {
        invoker.run(demandCallback);
      } else {
        super.demand(demandCallback);
      }
    }

    /** Releases chunks the exchange ended without reading, when it failed before the body went. */
    synchronized void releaseUnread() {
      if (first != null) {
        first.release();
      }
      if (second != null) {
        second.release();
      }
      first = null;
      second = null;
    }
  }
}
