package io.github.k8sproxyconformance.steps.glue;

import io.cucumber.java.ParameterType;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.ScenarioWorld;

/**
 * The custom parameter types of the step glossary in {@code features/README.md}.
 *
 * <p>Typed parameters keep the vocabulary closed: a cluster id that is not in the topology, or a
 * status that is not a status, fails where it is written instead of deep inside an assertion.
 */
public class ParameterTypes {

  private final ScenarioWorld world;

  public ParameterTypes(ScenarioWorld world) {
    this.world = world;
  }

  /** A cluster id of the standard topology, e.g. {@code dup-first}: where a request lands. */
  @ParameterType(name = "cluster", value = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
  public ClusterSpec cluster(String id) {
    return world.topology().spec(id);
  }

  /**
   * An HTTP field name, e.g. {@code X-Forwarded-For}; underscores and dots are token characters
   * too, and some proxies drop names that have them.
   */
  @ParameterType(name = "header", value = "[A-Za-z][A-Za-z0-9_.-]*")
  public String header(String name) {
    return name;
  }

  /** A status code such as {@code 404}, or a status class such as {@code 4xx}. */
  @ParameterType(name = "status", value = "[1-5](?:[0-9][0-9]|xx)")
  public ExpectedStatus status(String text) {
    return new ExpectedStatus(text);
  }

  /** An HTTP method token, e.g. {@code PROPFIND}. */
  @ParameterType(name = "method", value = "[A-Z]+")
  public String method(String token) {
    return token;
  }
}
