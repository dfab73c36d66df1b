package io.github.k8sproxyconformance.proxy;

/**
 * The request is answered with {@code envelope} and goes nowhere.
 *
 * <p>Both the cluster selection and the credential policy can end a request this way, and the
 * endpoint answers both alike, so they share the one type.
 */
record Refusal(ErrorEnvelope envelope)
    implements ClusterSelector.Selection, CredentialPolicy.Credential {}
