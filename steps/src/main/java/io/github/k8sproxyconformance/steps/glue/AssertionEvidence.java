package io.github.k8sproxyconformance.steps.glue;

import io.github.k8sproxyconformance.fixtures.echo.ReceivedRequest;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.testkit.http.HeaderField;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Short text renderings of what the clusters received and what the client got, for assertion
 * messages.
 *
 * <p>A conformance failure is only useful if it shows what actually happened, so every assertion in
 * the glue carries one of these. The fixture tokens are made-up test data and are shown; the token
 * a user gives for an external proxy ({@code conformance.proxy.token}) is a real secret and is
 * masked.
 */
final class AssertionEvidence {

  private final ScenarioWorld world;

  AssertionEvidence(ScenarioWorld world) {
    this.world = world;
  }

  /** What every cluster received in this scenario, one request per line. */
  String received() {
    return received(world.topology().receivedByAll());
  }

  /** The given received requests, one line each, or a note that there are none. */
  String received(List<ReceivedRequest> requests) {
    if (requests.isEmpty()) {
      return "(no request reached any cluster)";
    }
    return masked(requests.stream().map(AssertionEvidence::line).collect(Collectors.joining("\n")));
  }

  /** The last response: status, headers and the start of the body. */
  String response() {
    return world
        .lastResponseIfAny()
        .map(response -> masked(line(response)))
        .orElse("(no response)");
  }

  /** The last response without its body, for bodies too large or too binary to quote. */
  String responseHead() {
    return world
        .lastResponseIfAny()
        .map(response -> masked("status " + response.status() + " " + headers(response.headers())))
        .orElse("(no response)");
  }

  /** Both sides, for assertions about one of them that are easier to judge with the other. */
  String exchange() {
    return "response: " + response() + "\nclusters:\n" + received();
  }

  /** The text with the configured proxy token masked, for anything that leaves the run. */
  String masked(String text) {
    return world.config().masked(text);
  }

  private static String line(ReceivedRequest request) {
    return request.clusterId()
        + " received "
        + request.method()
        + " "
        + request.rawTarget()
        + " "
        + headers(request.headers())
        + " body="
        + request.bodyLength()
        + "B"
        + (request.chunked() ? " chunked" : "")
        + request.clientCertificate().map(subject -> " client certificate " + subject).orElse("");
  }

  private static String line(RawResponse response) {
    return "status "
        + response.status()
        + " "
        + headers(response.headers())
        + " body: "
        + response.bodyExcerpt();
  }

  private static String headers(List<HeaderField> headers) {
    return headers.stream()
        .map(field -> field.name() + ": " + field.value())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
