package io.github.k8sproxyconformance.steps.glue;

import io.github.k8sproxyconformance.testkit.http.RawResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a response body as JSON for the steps that check an error envelope, an echo report or a
 * Kubernetes object. Kept out of the wire client, which knows bytes and framing, not JSON.
 */
public final class JsonBody {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonBody() {}

  /**
   * The body parsed as JSON, gunzipped first when the response says {@code gzip}.
   *
   * @throws AssertionError quoting the start of the body when it is not JSON
   */
  public static JsonNode of(RawResponse response) {
    String text = response.bodyText();
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      throw new AssertionError(
          "expected a JSON body but got (status "
              + response.status()
              + "): "
              + RawResponse.excerpt(text),
          e);
    }
  }
}
