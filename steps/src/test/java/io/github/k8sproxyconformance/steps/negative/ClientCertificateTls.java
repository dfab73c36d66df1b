package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import io.github.k8sproxyconformance.testkit.tls.TlsIdentity;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS to a cluster as a proxy with a client certificate opens it: the cluster's own trust ({@code
 * caData}/{@code caFile}, or none checked under {@code skipTLSVerify}) and host name check, as the
 * reference proxy does, but with a key and certificate offered to any server that asks.
 *
 * <p>Keeping the trust rules of the reference proxy means a broken proxy built on it differs only
 * in the certificate it presents.
 */
final class ClientCertificateTls {

  private ClientCertificateTls() {}

  /** Connections to {@code cluster} that present {@code identity} when the cluster asks. */
  static SocketRelay.Upstreams presenting(TlsIdentity identity, ClusterConfig cluster) {
    SSLContext context = context(identity, cluster);
    return upstream -> {
      Socket plain = SocketRelay.PLAIN.open(upstream);
      SSLSocket tls =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(plain, upstream.getHostString(), upstream.getPort(), true);
      try {
        if (!cluster.skipTlsVerify()) {
          SSLParameters parameters = tls.getSSLParameters();
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
          tls.setSSLParameters(parameters);
        }
        tls.startHandshake();
        return tls;
      } catch (IOException e) {
        tls.close();
        throw e;
      }
    };
  }

  private static SSLContext context(TlsIdentity identity, ClusterConfig cluster) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(identity.keyManagers(), trust(cluster), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for cluster " + cluster.name(), e);
    }
  }

  /** The cluster's configured CAs replace the default trust store, as in Backstage. */
  private static TrustManager[] trust(ClusterConfig cluster)
      throws GeneralSecurityException, IOException {
    if (cluster.skipTlsVerify()) {
      return SslContextFactory.TRUST_ALL_CERTS;
    }
    List<X509Certificate> trusted = cluster.trustedCertificates();
    KeyStore store = null;
    if (!trusted.isEmpty()) {
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < trusted.size(); i++) {
        store.setCertificateEntry("ca-" + i, trusted.get(i));
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }
}
