package io.github.k8sproxyconformance.proxy.support;

import io.github.k8sproxyconformance.testkit.tls.TestCertificateAuthority;
import io.github.k8sproxyconformance.testkit.tls.TlsIdentity;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A cluster stand-in: a Jetty server on 127.0.0.1 that records every request (after reading its
 * whole body) and answers through a replaceable {@link Responder}, by default 200 with a small
 * JSON.
 */
public final class Upstream implements AutoCloseable {
  /** Writes the answer to one recorded request; may block. */
  @FunctionalInterface
  public interface Responder {
    void respond(RecordedRequest request, Response response) throws Exception;
  }

  private final Server server;
  private final ServerConnector connector;
  private final String scheme;
  private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
  private volatile Responder responder = Upstream::echo;

  private Upstream(SslContextFactory.Server tls, int port) throws Exception {
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setUriCompliance(UriCompliance.UNSAFE);
    http.setSendServerVersion(false);
    HttpConnectionFactory h1 = new HttpConnectionFactory(http);
    if (tls == null) {
      connector = new ServerConnector(server, h1);
      scheme = "http";
    } else {
      SecureRequestCustomizer customizer = new SecureRequestCustomizer();
      customizer.setSniHostCheck(false);
      http.addCustomizer(customizer);
      connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), h1);
      scheme = "https";
    }
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Recorder());
    server.start();
  }

  public static Upstream http() throws Exception {
    return new Upstream(null, 0);
  }

  /** A plain HTTP upstream on a given port. */
  public static Upstream http(int port) throws Exception {
    return new Upstream(null, port);
  }

  public static Upstream https(TlsIdentity server) throws Exception {
    return new Upstream(tls(server, null), 0);
  }

  /** An HTTPS upstream that refuses clients without a certificate issued by {@code clientCa}. */
  public static Upstream httpsRequiringClientCertificate(
      TlsIdentity server, TestCertificateAuthority clientCa) throws Exception {
    return new Upstream(tls(server, clientCa), 0);
  }

  private static SslContextFactory.Server tls(
      TlsIdentity server, TestCertificateAuthority clientCa) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    String password = "upstream";
    tls.setKeyStore(server.toKeyStore("server", password.toCharArray()));
    tls.setKeyStorePassword(password);
    if (clientCa != null) {
      tls.setTrustStore(clientCa.trustStore());
      tls.setNeedClientAuth(true);
    }
    return tls;
  }

  /** {@code scheme://127.0.0.1:port}, no path. */
  public URI url() {
    return URI.create(scheme + "://127.0.0.1:" + connector.getLocalPort());
  }

  public int port() {
    return connector.getLocalPort();
  }

  public void respondWith(Responder responder) {
    this.responder = responder;
  }

  public List<RecordedRequest> received() {
    return List.copyOf(received);
  }

  /** The only request received; fails when there were none or several. */
  public RecordedRequest onlyRequest() {
    List<RecordedRequest> all = received();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one request upstream, got " + all.size());
    }
    return all.get(0);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the upstream", e);
    }
  }

  /** Writes {@code text} as one chunk and waits until it is written. */
  public static void writeChunk(Response response, String text) throws Exception {
    FutureCallback written = new FutureCallback();
    response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
    written.get();
  }

  /** Ends the response and waits until it is sent. */
  public static void end(Response response) throws Exception {
    FutureCallback written = new FutureCallback();
    response.write(true, ByteBuffer.allocate(0), written);
    written.get();
  }

  /** Writes a complete response with a body and Content-Length. */
  public static void writeBody(Response response, int status, String contentType, byte[] body)
      throws Exception {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    FutureCallback written = new FutureCallback();
    response.write(true, ByteBuffer.wrap(body), written);
    written.get();
  }

  private static void echo(RecordedRequest request, Response response) throws Exception {
    String json = "{\"target\":\"" + request.rawTarget().replace("\"", "\\\"") + "\"}";
    writeBody(response, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private final class Recorder extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      try (InputStream body = Request.asInputStream(request)) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
          headers.add(Map.entry(field.getName(), field.getValue() == null ? "" : field.getValue()));
        }
        RecordedRequest recorded =
            new RecordedRequest(
                request.getMethod(),
                request.getHttpURI().getPathQuery(),
                List.copyOf(headers),
                body.readAllBytes(),
                Request.getRemotePort(request));
        received.add(recorded);
        responder.respond(recorded, response);
        callback.succeeded();
      } catch (Throwable t) {
        callback.failed(t);
      }
      return true;
    }
  }
}
