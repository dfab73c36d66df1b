package io.github.k8sproxyconformance.steps.preflight;

import java.util.Objects;

/**
 * The one thing that keeps a run against an external proxy from starting, with what to do about it.
 *
 * <p>A proxy that is not running, not configured with the fixture clusters, or speaking the other
 * profile fails every scenario for the same reason; one sentence naming that reason replaces a
 * report of 170 identical failures.
 *
 * @param kind what is wrong, for callers that branch on it (an exit code, a test)
 * @param message the sentence to print: what was found and what to do next
 */
public record PreflightProblem(Kind kind, String message) {

  /** The situations the preflight tells apart. */
  public enum Kind {
    /** A fixed fixture port is held by another program. */
    PORT_TAKEN,
    /** Nothing accepts connections at the proxy URL. */
    NOT_LISTENING,
    /** Something accepts connections at the URL but does not answer HTTP there. */
    NOT_ANSWERING,
    /** The proxy refuses the request before any cluster is involved: it wants its own login. */
    CREDENTIAL_WANTED,
    /** The proxy answers, but not for the fixture clusters: it lacks their configuration. */
    CLUSTERS_UNKNOWN,
    /** The proxy selects clusters by the other profile's header. */
    OTHER_PROFILE
  }

  public PreflightProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
