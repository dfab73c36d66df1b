package io.github.k8sproxyconformance.steps.hooks;

import io.github.k8sproxyconformance.fixtures.echo.ReceivedRequest;
import io.github.k8sproxyconformance.fixtures.echo.SentResponse;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.proxy.ProxyTarget;
import io.github.k8sproxyconformance.testkit.http.HeaderField;
import io.github.k8sproxyconformance.testkit.http.RawHttpClient;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the state of a failed scenario into attachments for the report.
 *
 * <p>A conformance failure is only useful with its Expected/Actual: what went to the proxy, what
 * came back, what the clusters received from the proxy and the response heads they sent. The proxy
 * token is replaced by {@code ****} in every attachment, because reports get shared.
 */
final class FailureAttachments {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ScenarioWorld world;

  FailureAttachments(ScenarioWorld world) {
    this.world = world;
  }

  void attachAll() {
    ProxyTarget target = world.target();
    String targetText = target.description();
    if (!target.startupWarnings().isEmpty()) {
      targetText += "\nstartup warnings:\n" + String.join("\n", target.startupWarnings());
    }
    attachText("target", targetText);
    world.lastSent().ifPresent(sent -> attachText("request sent to the proxy", requestText(sent)));
    world.lastResponseIfAny().ifPresent(response -> attachText("response", responseText(response)));
    List<ReceivedRequest> received = world.topology().receivedByAll();
    world.attach(
        "requests received by the clusters",
        "application/json",
        mask(receivedJson(received)).getBytes(StandardCharsets.UTF_8));
    List<SentResponse> sent = world.topology().sentByAll();
    if (!sent.isEmpty()) {
      attachText("response heads sent by the clusters", sentText(sent));
    }
  }

  private static String sentText(List<SentResponse> sent) {
    StringBuilder text = new StringBuilder();
    for (SentResponse response : sent) {
      text.append(response.clusterId()).append(" sent ").append(response.status());
      text.append(' ').append(response.reason()).append('\n');
      for (HeaderField field : response.headers()) {
        text.append(field.name()).append(": ").append(field.value()).append('\n');
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String requestText(ScenarioWorld.Sent sent) {
    String wire =
        new String(
            RawHttpClient.wireBytes(sent.endpoint(), sent.request()), StandardCharsets.UTF_8);
    int endOfHead = wire.indexOf("\r\n\r\n");
    String head = endOfHead < 0 ? wire : wire.substring(0, endOfHead);
    return "to "
        + sent.endpoint()
        + "\n\n"
        + head
        + "\n\n["
        + sent.request().body().length
        + " body bytes]";
  }

  private static String responseText(RawResponse response) {
    StringBuilder text = new StringBuilder();
    text.append(response.status()).append(' ').append(response.reason()).append('\n');
    for (HeaderField field : response.headers()) {
      text.append(field.name()).append(": ").append(field.value()).append('\n');
    }
    text.append('\n').append(response.bodyExcerpt());
    text.append("\n\n[").append(response.elapsed().toMillis()).append(" ms]");
    return text.toString();
  }

  private static String receivedJson(List<ReceivedRequest> received) {
    ArrayNode list = JSON.createArrayNode();
    for (ReceivedRequest request : received) {
      ObjectNode node = list.addObject();
      node.put("cluster", request.clusterId());
      node.put("method", request.method());
      node.put("target", request.rawTarget());
      node.put("httpVersion", request.httpVersion());
      ArrayNode headers = node.putArray("headers");
      request
          .headers()
          .forEach(h -> headers.addObject().put("name", h.name()).put("value", h.value()));
      node.put("bodyLength", request.bodyLength());
      node.put("bodySha256", request.bodySha256());
      node.put("chunked", request.chunked());
      node.put("clientCertificate", request.clientCertificateSubject());
      node.put("receivedAt", String.valueOf(request.receivedAt()));
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list);
  }

  private void attachText(String name, String text) {
    world.attach(name, "text/plain", mask(text).getBytes(StandardCharsets.UTF_8));
  }

  private String mask(String text) {
    return world.config().masked(text);
  }
}
