package io.github.k8sproxyconformance.steps.preflight;

import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.config.Profile;
import io.github.k8sproxyconformance.steps.preflight.FixturePorts.FixturePort;
import io.github.k8sproxyconformance.steps.preflight.PreflightProblem.Kind;
import io.github.k8sproxyconformance.steps.preflight.ProxyProbe.Ending;
import io.github.k8sproxyconformance.steps.preflight.ProxyProbe.Result;
import java.net.URI;

/**
 * The sentences of the preflight: each says what was found, then what to do, naming the option of
 * the jar and the system property of the Maven run, because a reader may use either.
 */
final class PreflightMessages {

  private static final int CHECKED_IN_BASE_PORT = HarnessConfig.EXTERNAL_DEFAULT_BASE_PORT;

  private PreflightMessages() {}

  static PreflightProblem portTaken(HarnessConfig config, FixturePort taken) {
    int next = config.basePort() + 100;
    return new PreflightProblem(
        Kind.PORT_TAKEN,
        "Fixture port "
            + taken.port()
            + " (cluster '"
            + taken.clusterId()
            + "') is already in use on "
            + config.fixtureBindHost()
            + ": another run of the kit or another program holds it. Stop that program, or move"
            + " the fixtures to other ports with "
            + option("--base-port", HarnessConfig.BASE_PORT, String.valueOf(next))
            + " and give the proxy the config written for them: `fixtures config --base-port "
            + next
            + " --out DIR`.");
  }

  /**
   * No HTTP answer at the URL: nothing listens there ({@link Ending#UNREACHABLE}), or what listens
   * does not answer HTTP ({@link Ending#BROKEN}). Either way the advice is the URL option.
   */
  static PreflightProblem noHttpAnswer(URI url, Result result) {
    boolean listening = result.ending() != Ending.UNREACHABLE;
    String found =
        listening
            ? "Something accepts connections at "
                + url
                + " but no HTTP answer came back: "
                + result.text()
                + ". Check the URL's scheme (http or https) and port: "
            : "Nothing listens at "
                + url
                + " ("
                + result.text()
                + "). Start the proxy, configured with the fixture clusters, or give the URL it"
                + " serves with ";
    return new PreflightProblem(
        listening ? Kind.NOT_ANSWERING : Kind.NOT_LISTENING,
        found + "--proxy-url (Maven: -D" + HarnessConfig.PROXY_URL + "=URL).");
  }

  static PreflightProblem credentialWanted(HarnessConfig config, URI url, Result result) {
    String found =
        "The proxy at "
            + url
            + " answered "
            + result.status()
            + " to a request naming cluster '"
            + Preflight.CLUSTER
            + "' before reaching any cluster";
    String then =
        config.proxyToken().isPresent()
            ? ": it refused the proxy token given. Check the token passed with --proxy-token"
                + " (Maven: -D"
                + HarnessConfig.PROXY_TOKEN
                + ")."
            : ": it wants a credential of its own. Pass one with "
                + option("--proxy-token", HarnessConfig.PROXY_TOKEN, "TOKEN")
                + "; a bare token is sent as 'Authorization: Bearer TOKEN', a value with"
                + " a scheme ('Basic ...') as it is.";
    return new PreflightProblem(Kind.CREDENTIAL_WANTED, found + excerpt(result) + then);
  }

  static PreflightProblem clustersUnknown(
      HarnessConfig config, URI url, Profile profile, Result result) {
    boolean namesCluster = result.text().contains(Preflight.CLUSTER);
    String found =
        "The proxy at "
            + url
            + " does not know the fixture clusters: a request naming cluster '"
            + Preflight.CLUSTER
            + "' in "
            + profile.clusterHeader()
            + " was answered "
            + result.status()
            + excerpt(result)
            + ".";
    String check =
        namesCluster
            ? ""
            : " If the proxy does know them, check that the URL is its proxy endpoint (Backstage:"
                + " http://HOST:7007/api/kubernetes/proxy).";
    return new PreflightProblem(
        Kind.CLUSTERS_UNKNOWN, found + " " + configAdvice(config) + " Then restart it." + check);
  }

  static PreflightProblem otherProfile(
      URI url, Profile profile, Result own, Profile other, Result theirs) {
    return new PreflightProblem(
        Kind.OTHER_PROFILE,
        "The proxy at "
            + url
            + " follows profile "
            + other.id()
            + ", not "
            + profile.id()
            + ": a request naming cluster '"
            + Preflight.CLUSTER
            + "' in "
            + profile.clusterHeader()
            + " was answered "
            + own.status()
            + excerpt(own)
            + ", while "
            + other.clusterHeader()
            + " selected the cluster (answered "
            + theirs.status()
            + "). Run with "
            + option("--profile", HarnessConfig.PROFILE, other.id())
            + ", or configure the proxy for "
            + profile.id()
            + ".");
  }

  static String localKubectlProxyTaken() {
    return "Port "
        + FixturePorts.LOCAL_KUBECTL_PROXY_PORT
        + " (cluster 'local', Backstage's localKubectlProxy at 127.0.0.1:"
        + FixturePorts.LOCAL_KUBECTL_PROXY_PORT
        + ") is in use: the scenarios on cluster 'local' will be reported unsupported. Free"
        + " the port to check them; no base port moves it.";
  }

  /**
   * Which config files to give the proxy: the checked-in pair fits the default ports and host only,
   * any other setting needs the pair the fixtures command writes for it.
   */
  private static String configAdvice(HarnessConfig config) {
    boolean defaultPort = config.basePort() == CHECKED_IN_BASE_PORT;
    boolean defaultHost = config.advertisedHost().equals("127.0.0.1");
    String command =
        "`fixtures config"
            + (defaultPort ? "" : " --base-port " + config.basePort())
            + (defaultHost ? "" : " --advertised-host " + config.advertisedHost())
            + " --out DIR`";
    String asConfig = " as one more config file (Backstage: --config FILE)";
    String ca = " in its working directory (Backstage resolves caFile from there)";
    if (defaultPort && defaultHost) {
      return "Give it fixtures/app-config.conformance.yaml"
          + asConfig
          + " and put fixtures/conformance-ca.pem"
          + ca
          + "; "
          + command
          + " writes the same two files to DIR.";
    }
    return "Give it the app-config.conformance.yaml that "
        + command
        + " writes"
        + asConfig
        + " and put the conformance-ca.pem written next to it"
        + ca
        + "; the checked-in fixtures/app-config.conformance.yaml fits base port "
        + CHECKED_IN_BASE_PORT
        + " on 127.0.0.1 only.";
  }

  /** An option of the jar with its value, and the system property the Maven run takes instead. */
  private static String option(String jarOption, String property, String value) {
    return jarOption + " " + value + " (Maven: -D" + property + "=" + value + ")";
  }

  private static String excerpt(Result result) {
    return result.text().isEmpty() ? "" : " (" + result.text() + ")";
  }
}
