package io.github.k8sproxyconformance.steps.report;

import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.TestCase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The text attachments of the scenarios still running, kept until each scenario finishes so a
 * failed one can carry them into {@code report.html}.
 *
 * <p>The hooks and the whole-head steps attach their evidence (the request sent, the response, what
 * the clusters received, the head comparison) to Cucumber, which gives it to plugins as {@link
 * EmbedEvent}s before the scenario's end. Binary attachments are left to Cucumber's own report.
 */
final class ScenarioAttachments {

  private final Map<UUID, List<EvidenceText>> byTestCase = new HashMap<>();

  /** Keeps the attachment when it is text. */
  synchronized void add(EmbedEvent event) {
    String type = event.getMediaType() == null ? "" : event.getMediaType();
    if (!type.startsWith("text/") && !type.equals("application/json")) {
      return;
    }
    String name = event.getName() == null ? "attachment" : event.getName();
    String text = new String(event.getData(), StandardCharsets.UTF_8);
    byTestCase
        .computeIfAbsent(event.getTestCase().getId(), id -> new ArrayList<>())
        .add(EvidenceText.capped(name, text));
  }

  /** The attachments of the finished scenario, in the order attached; forgets them. */
  synchronized List<EvidenceText> take(TestCase testCase) {
    List<EvidenceText> attached = byTestCase.remove(testCase.getId());
    return attached == null ? List.of() : attached;
  }
}
