package io.github.k8sproxyconformance.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;

/**
 * Notices a client that went away while its exchange is quiet, so the cluster connection is
 * released.
 *
 * <p>Jetty reads a client connection only while a request body is demanded. Once the request is
 * complete, the client closing its socket goes unseen until the proxy writes to it, which a hung
 * cluster (no headers) or a watch without events never makes it do: the cluster connection would be
 * held until the cluster gives up, if ever. Node notices at once because it always reads; Backstage
 * then aborts the cluster request. Here, each idle timeout of the client leg reads the client
 * connection without waiting: end of stream, or bytes where none may come, ends the exchange.
 *
 * <p>Bytes behind an unfinished exchange can only be a pipelined request, which the read consumes;
 * the connection then cannot go on and is closed. No Kubernetes client pipelines.
 */
final class ClientGoneProbe {
  /** Set on the client request once its whole body has been read for the cluster. */
  static final String BODY_READ = ClientGoneProbe.class.getName() + ".bodyRead";

  private ClientGoneProbe() {}

  /** Whether the client of {@code request} has closed its connection (or cannot continue it). */
  static boolean clientGone(Request request) {
    if (!bodyRead(request)) {
      // Jetty itself may be reading the body: a read here could take bytes from it.
      return false;
    }
    ByteBuffer probe = BufferUtil.allocate(1);
    try {
      return request.getConnectionMetaData().getConnection().getEndPoint().fill(probe) != 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** The failure an exchange is aborted with when its client went away. */
  static final class ClientGone extends EofException {
    ClientGone() {
      super("client->proxy closed while waiting for the cluster");
    }
  }

  private static boolean bodyRead(Request request) {
    return !RequestBodyBuffering.hasBody(request)
        || Boolean.TRUE.equals(request.getAttribute(BODY_READ));
  }
}
