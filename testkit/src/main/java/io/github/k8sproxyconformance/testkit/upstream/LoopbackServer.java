package io.github.k8sproxyconformance.testkit.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A plain-socket server that hands each accepted connection to a handler on a daemon thread and
 * counts the connections: accepted, and still open.
 *
 * <p>The raw upstreams of the tests and fixtures build on it (a cluster that never answers, one
 * that answers in ways a careless proxy does not expect, one that records raw request lines). They
 * are plain sockets, not Jetty, because Jetty would itself refuse or repair exactly what they must
 * send or see. A connection counts as open until its handler returns; the server closes the socket
 * then, so a handler that waits for the peer to close shows whether the peer released it.
 */
public final class LoopbackServer implements AutoCloseable {

  /** What one connection does; the socket is closed when it returns or throws. */
  @FunctionalInterface
  public interface ConnectionHandler {
    void handle(Socket socket) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final ConnectionHandler handler;
  private final ThreadPoolExecutor connections;
  private final Consumer<Socket> onRejected;
  private final Thread acceptor;
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();

  private LoopbackServer(
      ServerSocket server,
      String name,
      ConnectionHandler handler,
      ThreadPoolExecutor connections,
      Consumer<Socket> onRejected) {
    this.server = server;
    this.handler = handler;
    this.connections = connections;
    this.onRejected = onRejected;
    this.acceptor = new Thread(this::acceptLoop, name);
    acceptor.setDaemon(true);
  }

  /** Listens on a free loopback port, one thread a connection. */
  public static LoopbackServer start(String name, ConnectionHandler handler) {
    return start("127.0.0.1", 0, name, handler);
  }

  /** Listens on {@code bindHost}:{@code port} (0 for any free port), one thread a connection. */
  public static LoopbackServer start(
      String bindHost, int port, String name, ConnectionHandler handler) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemons(name));
    return start(bindHost, port, name, handler, pool, socket -> {});
  }

  /**
   * Listens with at most {@code threads} connections served at once and {@code queued} waiting; a
   * connection beyond them is handed to {@code onRejected} and closed, so a flood cannot exhaust
   * the test's threads.
   */
  public static LoopbackServer startBounded(
      String bindHost,
      int port,
      String name,
      int threads,
      int queued,
      ConnectionHandler handler,
      Consumer<Socket> onRejected) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queued),
            daemons(name));
    pool.allowCoreThreadTimeOut(true);
    return start(bindHost, port, name, handler, pool, onRejected);
  }

  private static LoopbackServer start(
      String bindHost,
      int port,
      String name,
      ConnectionHandler handler,
      ThreadPoolExecutor pool,
      Consumer<Socket> onRejected) {
    try {
      ServerSocket server = new ServerSocket(port, 200, InetAddress.getByName(bindHost));
      LoopbackServer started = new LoopbackServer(server, name, handler, pool, onRejected);
      started.acceptor.start();
      return started;
    } catch (IOException e) {
      pool.shutdownNow();
      throw new UncheckedIOException("the " + name + " cannot listen on port " + port, e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** How many connections it accepted since the start or the last {@link #resetAccepted}. */
  public int accepted() {
    return accepted.get();
  }

  /** Forgets the accepted count, so one test does not see another's connections. */
  public void resetAccepted() {
    accepted.set(0);
  }

  /** How many accepted connections are still open. */
  public int open() {
    return open.get();
  }

  /** Waits, bounded, until no connection is open; returns how many still are. */
  public int awaitNoneOpen(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (open.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return open.get();
  }

  /** Whether every connection thread has ended, within {@code wait}, after {@link #close}. */
  public boolean awaitStopped(Duration wait) throws InterruptedException {
    return connections.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops accepting and interrupts every connection's thread; open sockets are closed. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing a listening socket fails only when it is already closed
    }
    connections.shutdownNow();
    try {
      acceptor.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return;
      }
      accepted.incrementAndGet();
      open.incrementAndGet();
      try {
        connections.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        open.decrementAndGet();
        onRejected.accept(socket);
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      handler.handle(socket);
    } catch (IOException | RuntimeException | AssertionError e) {
      // the peer closed or reset the connection, a read limit passed, or the peer sent what the
      // handler cannot frame: the exchange is over either way
    } catch (InterruptedException e) {
      // the server is closing
      Thread.currentThread().interrupt();
    } finally {
      open.decrementAndGet();
    }
  }

  /** Closes {@code socket}, ignoring a failure: the connection is dropped either way. */
  public static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // the connection is dropped either way
    }
  }

  private static ThreadFactory daemons(String name) {
    return task -> {
      Thread thread = Executors.defaultThreadFactory().newThread(task);
      thread.setName(name + "-" + thread.getId());
      thread.setDaemon(true);
      return thread;
    };
  }
}
