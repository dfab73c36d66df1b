package io.github.k8sproxyconformance.steps.config;

import java.util.Collection;
import java.util.Optional;

/**
 * Hides secrets in text that leaves the run: failure messages, attachments, the report page, the
 * printed settings.
 *
 * <p>Reports get shared, and the proxy token given for an external proxy is a real credential. All
 * masking goes through here so every output shows the same mask and none forgets an empty secret,
 * which {@link String#replace} would otherwise find between every two characters.
 */
public final class SecretMask {

  /** What a secret is replaced by. */
  public static final String MASK = "****";

  private SecretMask() {}

  /** The text with every occurrence of each non-empty secret replaced by {@link #MASK}. */
  public static String apply(String text, Collection<String> secrets) {
    String masked = text;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        masked = masked.replace(secret, MASK);
      }
    }
    return masked;
  }

  /** The text with the secret, when there is one, replaced by {@link #MASK}. */
  public static String apply(String text, Optional<String> secret) {
    return apply(text, secret.stream().toList());
  }
}
