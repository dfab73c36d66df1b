package io.github.k8sproxyconformance.steps.report;

import io.github.k8sproxyconformance.steps.config.SecretMask;
import java.util.Optional;

/**
 * One piece of text evidence of a failed scenario, for {@code report.html}: the failure message, or
 * an attachment such as the response that came back or the requests the clusters received.
 *
 * <p>Cucumber's own reports keep the attachments, but a reader of the conformance report should not
 * have to open a second file to see why a scenario failed. The text is capped, because a streaming
 * scenario can record far more than anyone reads, and the report must stay small.
 *
 * @param name what the text is, e.g. {@code response} or {@code requests received by the clusters}
 * @param text the evidence, secrets masked
 */
public record EvidenceText(String name, String text) {

  /** The most characters kept of one piece of evidence. */
  static final int MAX_CHARS = 16_000;

  /** Evidence with its text cut to {@link #MAX_CHARS}, saying how much was left out. */
  public static EvidenceText capped(String name, String text) {
    if (text.length() <= MAX_CHARS) {
      return new EvidenceText(name, text);
    }
    return new EvidenceText(
        name,
        text.substring(0, MAX_CHARS)
            + "\n[... "
            + (text.length() - MAX_CHARS)
            + " more characters left out]");
  }

  /** This evidence with every occurrence of the secret replaced by {@code ****}. */
  public EvidenceText masked(Optional<String> secret) {
    return secret.isEmpty() ? this : new EvidenceText(name, SecretMask.apply(text, secret));
  }
}
