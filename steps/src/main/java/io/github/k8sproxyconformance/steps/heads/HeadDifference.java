package io.github.k8sproxyconformance.steps.heads;

import java.util.List;

/**
 * One way the end-to-end headers that arrived differ from those that were sent, for one header
 * name.
 *
 * @param kind what happened
 * @param name the header name as the sender spelled it (as the receiver did for an added one)
 * @param sent the values sent, in order
 * @param received the values received, in order
 */
public record HeadDifference(Kind kind, String name, List<String> sent, List<String> received) {

  /** What happened to the values of one header name. */
  public enum Kind {
    /** Sent, and none of its lines arrived. */
    DROPPED,
    /** The same values arrived in another order. */
    REORDERED,
    /** Other values arrived, or more or fewer lines. */
    CHANGED,
    /** Arrived, but was never sent. */
    ADDED
  }

  public HeadDifference {
    sent = List.copyOf(sent);
    received = List.copyOf(received);
  }

  /**
   * One line for a failure message, each field line's value quoted so that two lines and one
   * combined line look different, e.g. {@code X-Trace: reordered (sent "a" "b", received "b" "a")}.
   */
  public String describe() {
    return switch (kind) {
      case DROPPED -> name + ": dropped (sent " + lines(sent) + ")";
      case REORDERED ->
          name + ": reordered (sent " + lines(sent) + ", received " + lines(received) + ")";
      case CHANGED ->
          name + ": changed (sent " + lines(sent) + ", received " + lines(received) + ")";
      case ADDED -> name + ": added (not sent, received " + lines(received) + ")";
    };
  }

  private static String lines(List<String> values) {
    StringBuilder text = new StringBuilder();
    for (String value : values) {
      text.append(text.isEmpty() ? "" : " ").append('"').append(value).append('"');
    }
    return text.toString();
  }
}
