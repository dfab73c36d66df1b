package io.github.k8sproxyconformance.steps.heads;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.steps.config.Profile;
import io.github.k8sproxyconformance.steps.heads.HeadDifference.Kind;
import io.github.k8sproxyconformance.testkit.http.HeaderField;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadComparisonTest {

  private static final Allowances NONE = Allowances.none();
  private static final Allowances CURRENT =
      Allowances.onTheWayToTheCluster(Profile.BACKSTAGE_CURRENT);
  private static final Allowances SEED = Allowances.onTheWayToTheCluster(Profile.BACKSTAGE_1_9);

  @Test
  void anIdenticalHeadDiffersInNothing() {
    List<HeaderField> head = fields("X-A: 1", "X-A: 2", "Warning: 199 - \"x\"");

    assertThat(HeadComparison.forwarded(head, head, NONE)).isEmpty();
    assertThat(HeadComparison.added(head, head, NONE)).isEmpty();
  }

  @Test
  void namesMatchInAnyCaseAndDifferentNamesMayMove() {
    assertThat(
            HeadComparison.forwarded(
                fields("X-A: 1", "Accept: */*"), fields("accept: */*", "x-a: 1"), NONE))
        .isEmpty();
  }

  @Test
  void aDroppedHeaderIsNamed() {
    assertThat(
            HeadComparison.forwarded(
                fields("Legacy_Tenant: t-1", "X-B: b"), fields("X-B: b"), NONE))
        .containsExactly(
            new HeadDifference(Kind.DROPPED, "Legacy_Tenant", List.of("t-1"), List.of()));
  }

  @Test
  void repeatedLinesInAnotherOrderAreReordered() {
    assertThat(
            HeadComparison.forwarded(
                fields("Set-Cookie: a=1", "Set-Cookie: b=2"),
                fields("Set-Cookie: b=2", "Set-Cookie: a=1"),
                NONE))
        .extracting(HeadDifference::kind)
        .containsExactly(Kind.REORDERED);
  }

  @Test
  void repeatedLinesCombinedIntoOneInTheirOrderAreTheSameField() {
    assertThat(
            HeadComparison.forwarded(
                fields("X-A: first", "X-A: second"), fields("X-A: first, second"), NONE))
        .isEmpty();
  }

  @Test
  void repeatedLinesCombinedInAnotherOrderOrSetCookiesCombinedAreAChange() {
    assertThat(
            HeadComparison.forwarded(
                fields("X-A: first", "X-A: second"), fields("X-A: second, first"), NONE))
        .extracting(HeadDifference::describe)
        .containsExactly("X-A: changed (sent \"first\" \"second\", received \"second, first\")");
    assertThat(
            HeadComparison.forwarded(
                fields("Set-Cookie: a=1", "Set-Cookie: b=2"), fields("Set-Cookie: a=1, b=2"), NONE))
        .extracting(HeadDifference::kind)
        .containsExactly(Kind.CHANGED);
  }

  @Test
  void anotherValueOrAMissingLineIsAChange() {
    assertThat(HeadComparison.forwarded(fields("X-A: MiXed"), fields("X-A: mixed"), NONE))
        .extracting(HeadDifference::kind)
        .containsExactly(Kind.CHANGED);
    assertThat(HeadComparison.forwarded(fields("X-A: 1", "X-A: 2"), fields("X-A: 1"), NONE))
        .extracting(HeadDifference::kind)
        .containsExactly(Kind.CHANGED);
  }

  @Test
  void hopByHopHeadersFramingAndWhatConnectionNamesMayChange() {
    List<HeaderField> sent =
        fields(
            "Connection: close, X-Hop",
            "X-Hop: 1",
            "Keep-Alive: 5",
            "TE: trailers",
            "Proxy-Authorization: Basic eA==",
            "Content-Length: 5",
            "X-Kept: k");
    List<HeaderField> received = fields("X-Kept: k", "Transfer-Encoding: chunked");

    assertThat(HeadComparison.forwarded(sent, received, NONE)).isEmpty();
    assertThat(HeadComparison.added(sent, received, NONE)).isEmpty();
  }

  @Test
  void aHeaderNobodySentIsAdded() {
    assertThat(
            HeadComparison.added(
                fields("X-A: 1"), fields("X-A: 1", "User-Agent: proxy/1", "Via: 1.1 p"), NONE))
        .extracting(HeadDifference::describe)
        .containsExactly(
            "User-Agent: added (not sent, received \"proxy/1\")",
            "Via: added (not sent, received \"1.1 p\")");
  }

  @Test
  void todaysProfileAllowsTheTokenHostAndConsumedHeaders() {
    List<HeaderField> sent =
        fields(
            "Host: proxy:7007",
            "Backstage-Kubernetes-Cluster: alpha",
            "Backstage-Kubernetes-Authorization: Bearer t",
            "Backstage-Kubernetes-Authorization-Google: g",
            "Authorization: Basic me",
            "Cookie: s=1",
            "X-A: 1");
    List<HeaderField> received = fields("Host: cluster:1", "X-A: 1", "Authorization: Bearer t");

    assertThat(HeadComparison.forwarded(sent, received, CURRENT)).isEmpty();
    assertThat(HeadComparison.added(sent, received, CURRENT)).isEmpty();
    assertThat(
            HeadComparison.added(fields("X-A: 1"), fields("X-A: 1", "Authorization: x"), CURRENT))
        .isEmpty();
  }

  @Test
  void aConsumedHeaderThatArrivesMustArriveUnchanged() {
    assertThat(
            HeadComparison.forwarded(
                fields("Backstage-Kubernetes-Cluster: alpha"),
                fields("Backstage-Kubernetes-Cluster: ALPHA"),
                CURRENT))
        .extracting(HeadDifference::kind)
        .containsExactly(Kind.CHANGED);
  }

  @Test
  void theSeedProfileForwardsCredentialsAndAddsNone() {
    assertThat(
            HeadComparison.forwarded(
                fields("Authorization: Bearer t", "Cookie: s=1"), fields("Cookie: s=1"), SEED))
        .extracting(HeadDifference::describe)
        .containsExactly("Authorization: dropped (sent \"Bearer t\")");
    assertThat(HeadComparison.added(fields("X-A: 1"), fields("Authorization: Bearer sa"), SEED))
        .extracting(HeadDifference::kind)
        .containsExactly(Kind.ADDED);
  }

  @Test
  void aReportShowsTheDifferenceAndBothHeads() {
    MessageHead sent = new MessageHead("HTTP/1.1 200 OK", fields("Warning: 199 - \"x\""));
    MessageHead got = new MessageHead("HTTP/1.1 200 OK", List.of());

    String report =
        HeadReport.of(
            "every header the cluster sent reaches the client",
            HeadReport.lines(HeadComparison.forwarded(sent.fields(), got.fields(), NONE)),
            "the cluster sent",
            sent,
            "the client received",
            got);

    assertThat(report)
        .contains("  - Warning: dropped (sent \"199 - \"x\"\")")
        .contains("the cluster sent:\n  HTTP/1.1 200 OK\n  Warning: 199 - \"x\"\n")
        .contains("the client received:\n  HTTP/1.1 200 OK\n");
  }

  @Test
  void parsesAWireHead() {
    MessageHead head =
        MessageHead.parse("GET /x HTTP/1.1\r\nHost: h\r\nX-A:  1 \r\n\r\nbody".getBytes());

    assertThat(head.startLine()).isEqualTo("GET /x HTTP/1.1");
    assertThat(head.fields())
        .containsExactly(new HeaderField("Host", "h"), new HeaderField("X-A", "1"));
  }

  private static List<HeaderField> fields(String... lines) {
    List<HeaderField> fields = new ArrayList<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      fields.add(new HeaderField(line.substring(0, colon), line.substring(colon + 1).strip()));
    }
    return fields;
  }
}
