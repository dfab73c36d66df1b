package io.github.k8sproxyconformance.steps.heads;

import java.util.List;

/**
 * The text of a failed whole-head check: what differs, then both heads in full, so a reader sees
 * the difference and its context without opening other attachments.
 */
public final class HeadReport {

  private HeadReport() {}

  /**
   * @param rule the requirement that failed, e.g. "every header the cluster sent reaches the
   *     client"
   * @param differences what differs, at least one
   * @param sentBy who sent the first head, e.g. "the client sent"
   * @param sent the head as sent
   * @param receivedBy who received the second head, e.g. "the cluster received"
   * @param received the head as received
   */
  public static String of(
      String rule,
      List<String> differences,
      String sentBy,
      MessageHead sent,
      String receivedBy,
      MessageHead received) {
    StringBuilder text = new StringBuilder(rule).append(", but:\n");
    differences.forEach(d -> text.append("  - ").append(d).append('\n'));
    text.append(sentBy).append(":\n").append(sent.render());
    text.append(receivedBy).append(":\n").append(received.render());
    return text.toString();
  }

  /** The descriptions of the differences, one line each. */
  public static List<String> lines(List<HeadDifference> differences) {
    return differences.stream().map(HeadDifference::describe).toList();
  }
}
