package io.github.k8sproxyconformance.proxy.tls;

import io.github.k8sproxyconformance.proxy.config.ClusterConfig;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The TLS client settings for one cluster.
 *
 * <p>Each cluster has its own trust: its {@code caData}/{@code caFile} certificates replace the
 * default trust store (as Node's {@code ca} option does), and {@code skipTLSVerify} turns off chain
 * and host name checks for that cluster only. No key material is ever loaded, so the proxy never
 * presents a client certificate.
 */
public final class ClusterTls {
  private ClusterTls() {}

  /** A client-side TLS factory configured for {@code cluster}. */
  public static SslContextFactory.Client sslContextFactory(ClusterConfig cluster) {
    SslContextFactory.Client factory = new SslContextFactory.Client();
    if (cluster.skipTlsVerify()) {
      factory.setTrustAll(true);
      factory.setEndpointIdentificationAlgorithm(null);
      return factory;
    }
    factory.setEndpointIdentificationAlgorithm("HTTPS");
    factory.setSslContext(sslContext(cluster.trustedCertificates()));
    return factory;
  }

  private static SSLContext sslContext(List<X509Certificate> trusted) {
    try {
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted.isEmpty() ? null : trustStore(trusted));
      X509ExtendedTrustManager jdkTrustManager = null;
      for (TrustManager manager : trustManagers.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          jdkTrustManager = x509;
        }
      }
      if (jdkTrustManager == null) {
        throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new ClassifyingTrustManager(jdkTrustManager)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore trustStore(List<X509Certificate> trusted)
      throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < trusted.size(); i++) {
        store.setCertificateEntry("ca-" + i, trusted.get(i));
      }
      return store;
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
