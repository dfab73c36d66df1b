package io.github.k8sproxyconformance.steps.glue;

import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.heads.HeadReport;
import io.github.k8sproxyconformance.steps.heads.MessageHead;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Ends a whole-head step: passes when nothing differs, otherwise attaches both heads and the
 * differences to the scenario and fails with the same text.
 */
final class HeadCheck {

  private final ScenarioWorld world;
  private final AssertionEvidence evidence;

  HeadCheck(ScenarioWorld world) {
    this.world = world;
    this.evidence = new AssertionEvidence(world);
  }

  /**
   * @param rule the requirement, e.g. "every header the cluster sent reaches the client"
   * @param differences one line per difference; none means the step passes
   */
  void require(
      String rule,
      List<String> differences,
      String sentBy,
      MessageHead sent,
      String receivedBy,
      MessageHead received) {
    if (differences.isEmpty()) {
      return;
    }
    String report =
        evidence.masked(HeadReport.of(rule, differences, sentBy, sent, receivedBy, received));
    world.attach("head comparison", "text/plain", report.getBytes(StandardCharsets.UTF_8));
    throw new AssertionError(report);
  }
}
