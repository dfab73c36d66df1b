package io.github.k8sproxyconformance.steps.glue;

/**
 * An expected HTTP status: one code such as {@code 404}, or a class such as {@code 4xx}.
 *
 * <p>Most scenarios name the exact status Backstage answers with; a few (a refused path escape)
 * only require "a client error", because which 4xx a proxy picks is not part of the contract.
 *
 * @param text the status as written in the feature, e.g. {@code 404} or {@code 4xx}
 */
public record ExpectedStatus(String text) {

  /** True when {@code status} is this code, or belongs to this class. */
  public boolean matches(int status) {
    if (text.endsWith("xx")) {
      return status / 100 == text.charAt(0) - '0';
    }
    return status == Integer.parseInt(text);
  }

  /** True for an exact code, false for a class. */
  public boolean exact() {
    return !text.endsWith("xx");
  }

  @Override
  public String toString() {
    return text;
  }
}
