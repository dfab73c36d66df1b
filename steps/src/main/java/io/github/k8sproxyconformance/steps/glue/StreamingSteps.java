package io.github.k8sproxyconformance.steps.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.testkit.http.ResponseStream;
import io.github.k8sproxyconformance.testkit.http.ResponseStream.Chunk;
import io.github.k8sproxyconformance.testkit.http.TimedOut;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens a watch stream through the proxy and judges how its events arrived.
 *
 * <p>The echo cluster stamps each event with {@code sentAtMillis}; comparing that with the time the
 * client received a chunk tells a relaying proxy from a buffering one by causality, not by a timing
 * threshold: a buffering proxy cannot deliver the first event before the cluster has sent the last.
 */
public class StreamingSteps {

  /** Longer than any quiet period in the features (5 s), so only a cut stream ends early. */
  private static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(20);

  /** Bounds a stream that never ends. */
  private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(60);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ScenarioWorld world;
  private StreamRecording recording;

  public StreamingSteps(ScenarioWorld world) {
    this.world = world;
  }

  @When("the client opens the request as a stream")
  public void clientOpensTheRequestAsAStream() {
    ResponseStream stream = world.openStream();
    Instant deadline = Instant.now().plus(STREAM_TIMEOUT);
    List<Chunk> chunks = new ArrayList<>();
    Optional<String> breakage = Optional.empty();
    while (true) {
      Optional<Chunk> next;
      try {
        next = stream.nextChunk(CHUNK_TIMEOUT);
      } catch (TimedOut e) {
        throw e;
      } catch (AssertionError e) {
        // a stream that hangs fails above; one that breaks off is judged by the Then steps
        breakage = Optional.of(String.valueOf(e.getMessage()));
        break;
      }
      if (next.isEmpty()) {
        break;
      }
      chunks.add(next.get());
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "the stream did not end within " + STREAM_TIMEOUT + "; " + chunks.size() + " chunks");
      }
    }
    recording = new StreamRecording(stream.status(), stream.headers(), chunks, breakage);
  }

  @Then("the stream status is {status}")
  public void streamStatusIs(ExpectedStatus expected) {
    assertThat(recording().status())
        .as("stream status; %s", recording().describe())
        .matches(expected::matches, "is " + expected);
  }

  @Then("the stream breaks off after delivering {int} events in order")
  public void streamBreaksOffAfterDeliveringEventsInOrder(int count) {
    assertThat(recording().breakage())
        .as("how the stream ended; %s", recording().describe())
        .isPresent();
    assertEvents(count);
  }

  @Then("the stream breaks off before its announced length")
  public void streamBreaksOffBeforeItsLength() {
    assertThat(recording().breakage())
        .as("how the body ended; %s", recording().describe())
        .isPresent();
  }

  @Then("the stream ends after delivering {int} events in order")
  public void streamEndsAfterDeliveringEventsInOrder(int count) {
    assertThat(recording().breakage())
        .as("how the stream ended; %s", recording().describe())
        .isEmpty();
    assertEvents(count);
  }

  private void assertEvents(int count) {
    List<String> names = recording().lines().stream().map(StreamingSteps::eventName).toList();
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      expected.add("event-" + i);
    }
    assertThat(names).as("watch events received; %s", recording().describe()).isEqualTo(expected);
  }

  @Then("the first event arrives before the last event was sent")
  public void firstEventArrivesBeforeLastEventWasSent() {
    List<String> lines = recording().lines();
    assertThat(lines).as("watch events received; %s", recording().describe()).isNotEmpty();
    long lastSentAt = event(lines.get(lines.size() - 1)).path("sentAtMillis").asLong(-1);
    Instant firstArrival =
        recording()
            .firstLineArrival()
            .orElseThrow(() -> new AssertionError("no complete event arrived"));
    assertThat(firstArrival.toEpochMilli())
        .as(
            "arrival of the first event (epoch ms) versus %d, when the cluster sent the last; %s",
            lastSentAt, recording().describe())
        .isLessThan(lastSentAt);
  }

  private StreamRecording recording() {
    if (recording == null) {
      throw new AssertionError(
          "no stream was opened: use 'the client opens the request as a stream'");
    }
    return recording;
  }

  private static String eventName(String line) {
    JsonNode name = event(line).path("object").path("metadata").path("name");
    return name.isString() ? name.stringValue() : line;
  }

  private static JsonNode event(String line) {
    try {
      return JSON.readTree(line);
    } catch (JacksonException e) {
      throw new AssertionError("a watch event is not JSON: " + line, e);
    }
  }
}
