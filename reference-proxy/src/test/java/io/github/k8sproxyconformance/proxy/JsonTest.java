package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(Json.quote("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  }

  @Test
  void keepsUnicodeButEscapesLoneSurrogates() {
    assertThat(Json.quote("café \uD83D\uDE00")).isEqualTo("\"café \uD83D\uDE00\"");
    assertThat(Json.quote("x\uD83D")).isEqualTo("\"x\\ud83d\"");
  }

  @Test
  void anEnvelopeStaysValidJsonWhateverTheClientSent() {
    String json = ErrorEnvelope.notFound("Cluster 'a\"}' not found").toJson("GET", "/proxy/x?q=\"");

    assertThat(json)
        .isEqualTo(
            "{\"error\":{\"name\":\"NotFoundError\",\"message\":\"Cluster 'a\\\"}' not found\"},"
                + "\"request\":{\"method\":\"GET\",\"url\":\"/proxy/x?q=\\\"\"},"
                + "\"response\":{\"statusCode\":404}}");
  }
}
