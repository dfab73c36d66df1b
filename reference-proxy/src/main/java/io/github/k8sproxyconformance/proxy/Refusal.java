package io.github.k8sproxyconformance.proxy;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * The request is answered with {@code envelope} and goes nowhere.
 *
 * <p>Both the cluster selection and the credential policy can end a request this way, and the
 * endpoint answers both alike, so they share the one type.
 */
record Refusal(ErrorEnvelope envelope)
    implements ClusterSelector.Selection, CredentialPolicy.Credential {
  /** Never relayed, so nothing is withheld. */
  @Override
  public boolean withholds(HttpField field) {
    return false;
  }

  /** Never relayed, so nothing is added. */
  @Override
  public void addTo(HttpFields.Mutable upstream) {}
}
