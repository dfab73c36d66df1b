package io.github.k8sproxyconformance.cli;

/**
 * The exit codes of every command, so a CI job can tell "the proxy is wrong" from "the check could
 * not be made".
 */
final class ExitCode {

  /** Every scenario of the profile passed, or failed as the expectations file says it would. */
  static final int CONFORMANT = 0;

  /**
   * A scenario failed unexpectedly, or the expectations file names a scenario that is not there.
   */
  static final int NOT_CONFORMANT = 1;

  /**
   * No verdict: a bad option, an unreadable file, an unreachable proxy, a port taken, a run that
   * did not finish.
   */
  static final int COULD_NOT_RUN = 2;

  private ExitCode() {}
}
