package io.github.k8sproxyconformance.steps.heads;

import io.github.k8sproxyconformance.testkit.http.HeaderField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The head of one HTTP/1.1 message: its first line and its header fields in order.
 *
 * <p>The common shape of the four heads a whole-head check looks at (what the client sent, what the
 * cluster received, what the cluster sent back, what the client got), so a failure shows them side
 * by side in one format.
 *
 * @param startLine the request line or status line
 * @param fields the header fields in order, duplicates kept
 */
public record MessageHead(String startLine, List<HeaderField> fields) {

  public MessageHead {
    fields = List.copyOf(fields);
  }

  /** Parses the head at the start of wire bytes, up to the empty line (or the end). */
  public static MessageHead parse(byte[] wire) {
    String text = new String(wire, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
    List<HeaderField> fields = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        fields.add(
            new HeaderField(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()));
      }
    }
    return new MessageHead(lines[0], fields);
  }

  /** The head as lines, each indented, for a failure message. */
  public String render() {
    StringBuilder text = new StringBuilder("  ").append(startLine).append('\n');
    for (HeaderField field : fields) {
      text.append("  ").append(field.name()).append(": ").append(field.value()).append('\n');
    }
    return text.toString();
  }
}
