package io.github.k8sproxyconformance.steps.glue.kube;

import io.github.k8sproxyconformance.testkit.http.ResponseStream.Chunk;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events a watch through the proxy delivered, each with the time its line was complete at the
 * client, and the time the scenario deleted the watched object.
 *
 * <p>"Delivered while it happens" is judged by causality: an ADDED event that reached the client
 * before the object was deleted cannot have been held back until the watch ended.
 */
final class WatchLog {

  /** One watch event as the client received it. */
  record Event(String type, String name, Instant arrivedAt) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final int status;
  private final List<Event> events = new ArrayList<>();
  private final StringBuilder partialLine = new StringBuilder();
  private Instant deletionSentAt;

  WatchLog(int status) {
    this.status = status;
  }

  int status() {
    return status;
  }

  /** Adds the events whose lines this chunk completes. */
  void add(Chunk chunk) {
    partialLine.append(new String(chunk.data(), StandardCharsets.UTF_8));
    for (int end = partialLine.indexOf("\n"); end >= 0; end = partialLine.indexOf("\n")) {
      String line = partialLine.substring(0, end).trim();
      partialLine.delete(0, end + 1);
      if (!line.isEmpty()) {
        events.add(event(line, chunk.arrivedAt()));
      }
    }
  }

  void deletionSent(Instant at) {
    deletionSentAt = at;
  }

  Optional<Instant> deletionSentAt() {
    return Optional.ofNullable(deletionSentAt);
  }

  /** The first event of this type for the object of this name. */
  Optional<Event> find(String type, String name) {
    return events.stream()
        .filter(event -> event.type().equals(type) && event.name().equals(name))
        .findFirst();
  }

  /** A one-line account for assertion messages. */
  String describe() {
    return "watch status "
        + status
        + ", events "
        + events.stream()
            .map(e -> e.type() + " " + e.name() + " at " + e.arrivedAt().toEpochMilli())
            .toList()
        + ", deletion sent at "
        + (deletionSentAt == null ? "(never)" : deletionSentAt.toEpochMilli())
        + (partialLine.isEmpty() ? "" : ", unfinished line: " + partialLine);
  }

  private static Event event(String line, Instant arrivedAt) {
    try {
      JsonNode event = JSON.readTree(line);
      return new Event(
          event.path("type").asString(),
          event.path("object").path("metadata").path("name").asString(),
          arrivedAt);
    } catch (JacksonException e) {
      throw new AssertionError("a watch event is not JSON: " + line, e);
    }
  }
}
