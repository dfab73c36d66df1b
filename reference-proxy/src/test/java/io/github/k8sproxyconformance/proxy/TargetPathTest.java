package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPathTest {
  private static final String MOUNT = "/api/kubernetes/proxy";

  @Test
  void stripsOnlyAWholeMountSegment() {
    assertThat(TargetPath.stripMount(MOUNT, MOUNT)).contains("");
    assertThat(TargetPath.stripMount(MOUNT, MOUNT + "/")).contains("/");
    assertThat(TargetPath.stripMount(MOUNT, MOUNT + "/api/v1")).contains("/api/v1");
    assertThat(TargetPath.stripMount(MOUNT, MOUNT + "foo/api")).isEmpty();
    assertThat(TargetPath.stripMount(MOUNT, "/api/kubernetes")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "'', '', /",
    "'', /, /",
    "/, '', /",
    "'', /api//v1, /api/v1",
    "/k8s/c-1, '', /k8s/c-1",
    "/k8s/c-1, /, /k8s/c-1",
    "/k8s/c-1/, /api, /k8s/c-1/api",
    "/k8s/c-1, //api, /k8s/c-1/api",
    "'', /a%2F%2Fb, /a%2F%2Fb"
  })
  void joinsTheClusterPathAndTheRest(String clusterPath, String rest, String expected) {
    assertThat(TargetPath.join(clusterPath, rest)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/..",
        "/a/../..",
        "/%2e%2e",
        "/.%2E",
        "/%2E.",
        "/a/..%2f..",
        "/..;p",
        "/./../x",
        "/a/..\\..\\x",
        "/a/..%5c..%5Cx",
        "/a\\..\\..",
        "/..\\"
      })
  void detectsClimbingAboveTheStart(String rest) {
    assertThat(TargetPath.climbsAbove(rest)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/%252e%252e",
        "/%25252E%25252e/x",
        "/..%3b/x/../..",
        "/..\\x",
        "/a\\..\\..",
        "/..%5cx",
        "/a%5C..%5C.."
      })
  void detectsClimbingInDisguiseAsLenientServersReadIt(String rest) {
    assertThat(TargetPath.climbsAbove(rest)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/",
        "/a/..",
        "/a/./b/../c",
        "/..a/b",
        "/a..",
        "/%2e%2ea",
        "/.../x",
        "/a%5c..",
        "/%2525",
        "/a\\b\\..",
        "/a%5cb%5c.."
      })
  void acceptsPathsThatStayInside(String rest) {
    assertThat(TargetPath.climbsAbove(rest)).isFalse();
  }

  @Test
  void reportsTheUrlRelativeToTheMountParent() {
    assertThat(TargetPath.routerRelativeUrl(MOUNT, MOUNT + "/api/v1/ns?x=1"))
        .isEqualTo("/proxy/api/v1/ns?x=1");
    assertThat(TargetPath.routerRelativeUrl("/proxy", "/proxy/api")).isEqualTo("/proxy/api");
  }
}
