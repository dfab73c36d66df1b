package io.github.k8sproxyconformance.proxy.tls;

import java.net.Socket;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks cluster certificates with the JDK's trust manager and turns a refusal into an {@link
 * UntrustedCertificateException} carrying Node's error code.
 *
 * <p>Being an {@link X509ExtendedTrustManager} that passes the engine on, the JDK still performs
 * the host name check (endpoint identification) inside the delegate.
 */
final class ClassifyingTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager delegate;

  ClassifyingTrustManager(X509ExtendedTrustManager delegate) {
    this.delegate = delegate;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      throw classify(chain, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      throw classify(chain, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      throw classify(chain, e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  static UntrustedCertificateException classify(X509Certificate[] chain, CertificateException e) {
    if (!isChainProblem(e)) {
      return new UntrustedCertificateException(
          "ERR_TLS_CERT_ALTNAME_INVALID",
          "Hostname/IP does not match certificate's altnames: " + e.getMessage(),
          e);
    }
    if (hasCause(e, CertificateExpiredException.class) || isExpiry(e)) {
      return new UntrustedCertificateException("CERT_HAS_EXPIRED", "certificate has expired", e);
    }
    if (chain.length == 1 && isSelfSigned(chain[0])) {
      return new UntrustedCertificateException(
          "DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate", e);
    }
    for (X509Certificate certificate : chain) {
      if (isSelfSigned(certificate)) {
        return new UntrustedCertificateException(
            "SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain", e);
      }
    }
    return chain.length == 1
        ? new UntrustedCertificateException(
            "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate", e)
        : new UntrustedCertificateException(
            "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate", e);
  }

  /** Path building and validation failures; anything else from the JDK is the host name check. */
  private static boolean isChainProblem(CertificateException e) {
    return e.getClass().getName().equals("sun.security.validator.ValidatorException")
        || hasCause(e, CertPathBuilderException.class)
        || hasCause(e, CertPathValidatorException.class);
  }

  private static boolean isExpiry(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathValidatorException v
          && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSelfSigned(X509Certificate certificate) {
    if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      return false;
    }
    try {
      certificate.verify(certificate.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
