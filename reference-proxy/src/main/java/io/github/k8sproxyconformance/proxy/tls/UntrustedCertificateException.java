package io.github.k8sproxyconformance.proxy.tls;

import java.security.cert.CertificateException;

/**
 * A cluster certificate the proxy refused, classified with the error code Node's TLS stack would
 * report for it.
 *
 * <p>Backstage's upstream-error envelope carries that code (e.g. {@code
 * DEPTH_ZERO_SELF_SIGNED_CERT}), and dashboards show it; classifying at the point of the check,
 * where the presented chain is known, keeps the mapping exact.
 */
public final class UntrustedCertificateException extends CertificateException {
  private static final long serialVersionUID = 1L;

  private final String nodeCode;
  private final String nodeMessage;

  UntrustedCertificateException(String nodeCode, String nodeMessage, CertificateException cause) {
    super(nodeCode + ": " + nodeMessage, cause);
    this.nodeCode = nodeCode;
    this.nodeMessage = nodeMessage;
  }

  /** The Node error code, e.g. {@code ERR_TLS_CERT_ALTNAME_INVALID}. */
  public String nodeCode() {
    return nodeCode;
  }

  /** The Node error message, e.g. {@code self-signed certificate}. */
  public String nodeMessage() {
    return nodeMessage;
  }
}
