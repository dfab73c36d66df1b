package io.github.k8sproxyconformance.steps.preflight;

import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.config.Profile;
import io.github.k8sproxyconformance.steps.preflight.FixturePorts.FixturePort;
import io.github.k8sproxyconformance.steps.preflight.ProxyProbe.Ending;
import io.github.k8sproxyconformance.steps.preflight.ProxyProbe.Result;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks, before any scenario and before the fixtures start, that a run against an external proxy
 * can work at all, and says what to do when it cannot.
 *
 * <p>In order: the fixed fixture ports are free; something answers HTTP at the proxy URL; the proxy
 * does not demand a credential of its own; a request naming cluster {@value #CLUSTER} in the
 * profile's cluster header reaches a proxy that knows that cluster; and, when it does not, whether
 * the other profile's header would. The first problem found is returned. At most two requests go to
 * the proxy URL, each bounded by {@link #PROBE_TIMEOUT}, so the whole check ends within 5 s; and
 * only the given URL and loopback ports are touched. A run on the bundled reference proxy has
 * nothing to check: the harness starts and configures that proxy itself.
 *
 * <p>Usage: {@code Preflight.check(config).ifPresent(problem -> stop(problem.message()))}.
 */
public final class Preflight {

  /** The cluster every probe names: the first of the standard topology. */
  static final String CLUSTER = "alpha";

  /** The bound on each probe, connection and answer together. */
  static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);

  /** Statuses that mean "no cluster was selected by this request", not a cluster leg failing. */
  private static final Set<Integer> NOT_SELECTED = Set.of(400, 404);

  private static final Set<Integer> CREDENTIAL_REFUSED = Set.of(401, 403);

  /**
   * Settings that passed in this JVM: the jar checks before it starts Cucumber, whose before-all
   * hook checks again for Maven runs; the second check need not probe the proxy again.
   */
  private static final Set<HarnessConfig> PASSED = ConcurrentHashMap.newKeySet();

  private Preflight() {}

  /**
   * The first problem that keeps a run with these settings from working, or none.
   *
   * @return empty for the bundled reference proxy, and for an external proxy that passed
   */
  public static Optional<PreflightProblem> check(HarnessConfig config) {
    if (config.bundled() || PASSED.contains(config)) {
      return Optional.empty();
    }
    Optional<PreflightProblem> problem = probe(config);
    if (problem.isEmpty()) {
      PASSED.add(config);
    }
    return problem;
  }

  private static Optional<PreflightProblem> probe(HarnessConfig config) {
    Optional<FixturePort> taken = FixturePorts.firstTaken(config);
    if (taken.isPresent()) {
      return Optional.of(PreflightMessages.portTaken(config, taken.get()));
    }
    URI url = config.proxyUrl().orElseThrow();
    ProxyProbe probe = new ProxyProbe(url, PROBE_TIMEOUT, config.proxyAuthorization());
    Profile profile = config.profile();
    Result own = probe.ask(profile.clusterHeader(), CLUSTER);
    if (own.ending() == Ending.UNREACHABLE || own.ending() == Ending.BROKEN) {
      return Optional.of(PreflightMessages.noHttpAnswer(url, own));
    }
    if (own.ending() == Ending.TIMED_OUT) {
      // connected, but slow: perhaps a proxy waiting on the cluster, which is not up yet; the
      // scenarios will tell, and a timeout is no reason to refuse the run
      return Optional.empty();
    }
    if (CREDENTIAL_REFUSED.contains(own.status())) {
      return Optional.of(PreflightMessages.credentialWanted(config, url, own));
    }
    if (!NOT_SELECTED.contains(own.status())) {
      return Optional.empty();
    }
    if (own.text().contains(CLUSTER)) {
      // the proxy read the header and looked the cluster up: right header, unknown cluster
      return Optional.of(PreflightMessages.clustersUnknown(config, url, profile, own));
    }
    // the header may have gone unread; a proxy of the other profile selects by the other header
    // (asking it only now keeps a single-cluster proxy, which serves a request without a header,
    // from passing for one that reads the other header)
    Profile other = otherThan(profile);
    Result theirs = probe.ask(other.clusterHeader(), CLUSTER);
    boolean otherSelects =
        theirs.ending() == Ending.ANSWERED
            && !NOT_SELECTED.contains(theirs.status())
            && !CREDENTIAL_REFUSED.contains(theirs.status());
    if (otherSelects) {
      return Optional.of(PreflightMessages.otherProfile(url, profile, own, other, theirs));
    }
    boolean theirsNamesCluster =
        theirs.ending() == Ending.ANSWERED && theirs.text().contains(CLUSTER);
    return Optional.of(
        theirsNamesCluster
            ? PreflightMessages.clustersUnknown(config, url, other, theirs)
            : PreflightMessages.clustersUnknown(config, url, profile, own));
  }

  /**
   * Conditions worth printing that do not stop the run: port {@value
   * FixturePorts#LOCAL_KUBECTL_PROXY_PORT} taken, which makes the scenarios on cluster {@code
   * local} unsupported.
   */
  public static List<String> notes(HarnessConfig config) {
    List<String> notes = new ArrayList<>();
    if (!FixturePorts.localKubectlProxyFree()) {
      notes.add(PreflightMessages.localKubectlProxyTaken());
    }
    return notes;
  }

  private static Profile otherThan(Profile profile) {
    return profile == Profile.BACKSTAGE_CURRENT ? Profile.BACKSTAGE_1_9 : Profile.BACKSTAGE_CURRENT;
  }
}
