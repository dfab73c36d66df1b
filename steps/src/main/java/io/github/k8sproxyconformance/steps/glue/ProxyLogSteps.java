package io.github.k8sproxyconformance.steps.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.config.SecretMask;
import io.github.k8sproxyconformance.steps.proxy.ProxyLog;
import io.github.k8sproxyconformance.testkit.http.HeaderField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks what a proxy running in this JVM logged during the scenario ({@code @reads-proxy-log}).
 *
 * <p>Logs are shipped, kept and read by more people than the cluster credentials are meant for, so
 * a token in a log line is a leak. Step instances live for one scenario, so the position the
 * scenario started reading from is kept here.
 */
public class ProxyLogSteps {

  /** Headers whose values are credentials, in either profile. */
  private static final List<String> CREDENTIAL_HEADERS =
      List.of("authorization", "backstage-kubernetes-authorization", "cookie");

  private final ScenarioWorld world;
  private ProxyLog log;
  private long mark;

  public ProxyLogSteps(ScenarioWorld world) {
    this.world = world;
  }

  @Given("the proxy's log is watched")
  public void proxyLogIsWatched() {
    log = ProxyLog.capture();
    mark = log.mark();
  }

  @Then("the proxy logged at least one line")
  public void proxyLoggedALine() {
    assertThat(logged())
        .as("what the proxy logged during the scenario (%s)", world.target().description())
        .isNotBlank();
  }

  @Then("no line the proxy logged holds a token of the topology or of the request")
  public void noLoggedLineHoldsAToken() {
    String logged = logged();
    List<String> leaked = secrets().stream().filter(logged::contains).toList();
    assertThat(leaked)
        .as(
            "secrets found in the proxy's log (shown masked); the lines:%n%s",
            SecretMask.apply(logged, secrets()))
        .isEmpty();
  }

  private String logged() {
    if (log == null) {
      throw new IllegalStateException("a step must first say: Given the proxy's log is watched");
    }
    return log.since(mark);
  }

  /** The configured tokens, and the credential part of every credential header the request sent. */
  private List<String> secrets() {
    List<String> secrets = new ArrayList<>();
    world.topology().specs().stream()
        .map(ClusterSpec::serviceAccountToken)
        .filter(Objects::nonNull)
        .forEach(secrets::add);
    world
        .lastSent()
        .ifPresent(
            sent ->
                sent.request().headers().stream()
                    .filter(field -> isCredential(field.name()))
                    .map(HeaderField::value)
                    .map(value -> value.substring(value.indexOf(' ') + 1))
                    .filter(secret -> !secret.isBlank())
                    .forEach(secrets::add));
    return secrets.stream().distinct().toList();
  }

  private static boolean isCredential(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return CREDENTIAL_HEADERS.contains(lower)
        || lower.startsWith("backstage-kubernetes-authorization-");
  }
}
