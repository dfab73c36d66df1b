package io.github.k8sproxyconformance.proxy.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request as an upstream received it: raw target, headers in order, body bytes, and the client
 * port it came from (the same port twice means a reused connection).
 */
public record RecordedRequest(
    String method,
    String rawTarget,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    int remotePort) {

  public List<String> headerValues(String name) {
    return headers.stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .toList();
  }

  public Optional<String> header(String name) {
    return headerValues(name).stream().findFirst();
  }

  public boolean hasHeader(String name) {
    return !headerValues(name).isEmpty();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
