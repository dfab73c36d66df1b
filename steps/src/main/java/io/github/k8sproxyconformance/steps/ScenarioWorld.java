package io.github.k8sproxyconformance.steps;

import io.cucumber.java.Scenario;
import io.github.k8sproxyconformance.fixtures.topology.RunningTopology;
import io.github.k8sproxyconformance.steps.config.HarnessConfig;
import io.github.k8sproxyconformance.steps.config.Profile;
import io.github.k8sproxyconformance.steps.proxy.Harness;
import io.github.k8sproxyconformance.steps.proxy.ProxyTarget;
import io.github.k8sproxyconformance.steps.proxy.ScenarioProxyStarter;
import io.github.k8sproxyconformance.testkit.http.RawHttpClient;
import io.github.k8sproxyconformance.testkit.http.RawRequest;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import io.github.k8sproxyconformance.testkit.http.ResponseStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one scenario knows: the request being built, what was sent and answered, and the
 * targets and streams it opened.
 *
 * <p>Picocontainer creates one per scenario and hands the same instance to every step class, so
 * steps share state without static fields and no state leaks into the next scenario. Shared,
 * expensive things (fixtures, the standard proxy) live in the {@link Harness} instead.
 */
public final class ScenarioWorld {

  /** How long one exchange with the proxy may take before the scenario fails. */
  public static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(ScenarioWorld.class);

  private final RawHttpClient client = new RawHttpClient(EXCHANGE_TIMEOUT);
  private final List<ProxyTarget> ownedTargets = new ArrayList<>();
  private final List<ResponseStream> openStreams = new ArrayList<>();
  private Scenario scenario;
  private ProxyTarget replacedTarget;
  private ScenarioProxyStarter proxyStarter;
  private RawRequest request = RawRequest.get("/api/v1/namespaces");
  private Sent lastSent;
  private RawResponse lastResponse;

  /** For picocontainer. */
  public ScenarioWorld() {}

  /**
   * A request as it was handed to the client, with the endpoint it went to.
   *
   * @param endpoint the proxy endpoint the target was appended to
   * @param request the request including the proxy token header when one was added
   */
  public record Sent(URI endpoint, RawRequest request) {}

  public Harness harness() {
    return Harness.get();
  }

  public HarnessConfig config() {
    return harness().config();
  }

  public Profile profile() {
    return config().profile();
  }

  public RunningTopology topology() {
    return harness().topology();
  }

  /** The proxy under test for this scenario: the standard target unless replaced. */
  public ProxyTarget target() {
    return replacedTarget != null ? replacedTarget : harness().standardTarget();
  }

  /** Makes {@code scenarioTarget} the target of this scenario; it is closed after the scenario. */
  public void replaceTarget(ProxyTarget scenarioTarget) {
    ownedTargets.add(scenarioTarget);
    replacedTarget = scenarioTarget;
  }

  /**
   * How this scenario starts a proxy of its own ({@code @reconfigures-proxy}): the bundled
   * reference proxy unless replaced.
   */
  public ScenarioProxyStarter proxyStarter() {
    return proxyStarter != null ? proxyStarter : ScenarioProxyStarter.bundled();
  }

  /**
   * Makes {@code starter} start this scenario's own proxies; the negative controls start broken
   * proxies this way. What it starts is closed after the scenario like any replaced target.
   */
  public void proxyStarter(ScenarioProxyStarter starter) {
    proxyStarter = starter;
  }

  /**
   * The request being built. It starts as {@code GET /api/v1/namespaces} with no headers: the
   * profile's cluster header is not set, steps add it explicitly.
   */
  public RawRequest request() {
    return request;
  }

  public void request(RawRequest next) {
    request = next;
  }

  /**
   * Sends {@link #request()} to the target and remembers the response. The configured proxy token
   * goes along as {@code Authorization} unless the request carries its own.
   *
   * @throws AssertionError when no complete response arrives within {@link #EXCHANGE_TIMEOUT}
   */
  public RawResponse send() {
    return send(client);
  }

  /**
   * Sends {@link #request()} like {@link #send()}, through {@code boundedClient}: for a scenario
   * that allows an answer less time than {@link #EXCHANGE_TIMEOUT}.
   */
  public RawResponse send(RawHttpClient boundedClient) {
    return send(boundedClient::send);
  }

  /**
   * Sends {@link #request()} like {@link #send()}, the exchange made by {@code exchange}: for a
   * scenario that sends in a way of its own, such as holding the body back for a {@code 100
   * Continue}.
   */
  public RawResponse send(BiFunction<URI, RawRequest, RawResponse> exchange) {
    Sent sent = prepare();
    lastResponse = withoutSecret(() -> exchange.apply(sent.endpoint(), sent.request()));
    return lastResponse;
  }

  /**
   * Sends {@code other} to the target, with the proxy token, through {@code boundedClient}, leaving
   * the scenario's request and response as they are: for a check that the proxy still serves others
   * after this scenario's exchange.
   */
  public RawResponse sendAnother(RawRequest other, RawHttpClient boundedClient) {
    RawRequest effective = withProxyToken(other);
    URI endpoint = target().endpoint();
    return withoutSecret(() -> boundedClient.send(endpoint, effective));
  }

  /**
   * Sends {@link #request()} like {@link #send()} but returns once the response head has arrived;
   * the body is read from the stream, which is closed after the scenario.
   */
  public ResponseStream openStream() {
    Sent sent = prepare();
    ResponseStream stream = withoutSecret(() -> client.open(sent.endpoint(), sent.request()));
    openStreams.add(stream);
    return stream;
  }

  /**
   * The response to the last {@link #send()}.
   *
   * @throws AssertionError when nothing was sent yet
   */
  public RawResponse lastResponse() {
    if (lastResponse == null) {
      throw new AssertionError("no request was sent");
    }
    return lastResponse;
  }

  /** The response to the last {@link #send()}, if any; for evidence, which must not fail. */
  public Optional<RawResponse> lastResponseIfAny() {
    return Optional.ofNullable(lastResponse);
  }

  /** The last request sent or opened as a stream, if any. */
  public Optional<Sent> lastSent() {
    return Optional.ofNullable(lastSent);
  }

  /** Attaches evidence to the current scenario's report entry. */
  public void attach(String name, String mediaType, byte[] data) {
    if (scenario == null) {
      throw new IllegalStateException("no scenario is running: attach is for steps and hooks");
    }
    scenario.attach(data, mediaType, name);
  }

  /** Set by the {@code @Before} hook so steps can attach evidence. */
  public void scenario(Scenario current) {
    scenario = current;
  }

  /** Closes the streams and targets this scenario opened; called by the {@code @After} hook. */
  public void closeScenarioResources() {
    List<AutoCloseable> owned = new ArrayList<>(openStreams);
    owned.addAll(ownedTargets);
    openStreams.clear();
    ownedTargets.clear();
    replacedTarget = null;
    for (AutoCloseable resource : owned) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Closing {} after the scenario failed", resource, e);
      }
    }
  }

  private Sent prepare() {
    lastResponse = null;
    lastSent = new Sent(target().endpoint(), withProxyToken(request));
    return lastSent;
  }

  private RawRequest withProxyToken(RawRequest original) {
    Optional<String> authorization = config().proxyAuthorization();
    if (authorization.isPresent() && !original.hasHeader("Authorization")) {
      return original.withHeader("Authorization", authorization.get());
    }
    return original;
  }

  /**
   * Runs an exchange whose failure message may quote what came back; an echo of the proxy token in
   * it is masked, because failure messages end up in shared reports.
   */
  private <T> T withoutSecret(Supplier<T> exchange) {
    try {
      return exchange.get();
    } catch (AssertionError e) {
      String message = e.getMessage();
      if (message == null || message.equals(config().masked(message))) {
        throw e;
      }
      AssertionError masked = new AssertionError(config().masked(message));
      masked.setStackTrace(e.getStackTrace());
      throw masked;
    }
  }
}
