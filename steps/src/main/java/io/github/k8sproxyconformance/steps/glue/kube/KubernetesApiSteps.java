package io.github.k8sproxyconformance.steps.glue.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.github.k8sproxyconformance.fixtures.kube.KubeApiClient;
import io.github.k8sproxyconformance.fixtures.topology.ClusterSpec;
import io.github.k8sproxyconformance.steps.ScenarioWorld;
import io.github.k8sproxyconformance.steps.glue.JsonBody;
import io.github.k8sproxyconformance.testkit.http.RawRequest;
import io.github.k8sproxyconformance.testkit.http.RawResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Steps on Kubernetes API clusters: the cluster's own credentials, its namespaces and ConfigMaps,
 * and its own error answers.
 *
 * <p>On a real API server a proxy is judged by the cluster's state, not by an echo: what a request
 * through the proxy created or deleted is read back directly from the cluster, past the proxy, and
 * an error the cluster gave is compared with the one it gives to the same request sent directly.
 */
public class KubernetesApiSteps {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ScenarioWorld world;
  private final KubeClusters clusters;

  public KubernetesApiSteps(ScenarioWorld world) {
    this.world = world;
    this.clusters = new KubeClusters(world);
  }

  @Given("the request carries the service-account token of cluster {cluster}")
  public void requestCarriesServiceAccountToken(ClusterSpec cluster) {
    String header = clusters.clusterTokenHeaderName();
    world.request(world.request().withHeader(header, clusters.bearerToken(cluster)));
  }

  @Given("ConfigMap {string} exists in namespace {string} of cluster {cluster} with data {string}")
  public void configMapExists(String name, String namespace, ClusterSpec cluster, String data) {
    Map<String, String> values = new LinkedHashMap<>();
    json(data, "the ConfigMap data")
        .properties()
        .forEach(e -> values.put(e.getKey(), e.getValue().asString()));
    clusters.direct(cluster).putConfigMap(namespace, name, values);
  }

  @Given("ConfigMap {string} does not exist in namespace {string} of cluster {cluster}")
  public void configMapDoesNotExist(String name, String namespace, ClusterSpec cluster) {
    clusters.direct(cluster).deleteConfigMap(namespace, name);
  }

  @Then("the response lists the namespaces of cluster {cluster}")
  public void responseListsNamespacesOf(ClusterSpec cluster) {
    RawResponse response = world.lastResponse();
    assertThat(response.status())
        .as("status of the namespace list; %s", clusters.describe(response))
        .isEqualTo(200);
    List<String> others = new ArrayList<>(clusters.kubeIds());
    others.remove(cluster.id());
    assertThat(namespaceNames(response))
        .as(
            "namespaces listed: cluster %s holds namespace %s, the others %s; %s",
            cluster.id(), cluster.id(), others, clusters.describe(response))
        .contains(cluster.id())
        .doesNotContainAnyElementsOf(others);
  }

  @Then("the response does not list the namespaces of cluster {cluster}")
  public void responseDoesNotListNamespacesOf(ClusterSpec cluster) {
    RawResponse response = world.lastResponse();
    assertThat(response.status() / 100)
        .as("status class of the response; %s", clusters.describe(response))
        .isNotEqualTo(2);
    assertThat(response.bodyText())
        .as(
            "the body names no namespace of cluster %s; %s",
            cluster.id(), clusters.describe(response))
        .doesNotContain("\"" + cluster.id() + "\"");
  }

  @Then("the response is a Kubernetes Status with reason {string} and code {int}")
  public void responseIsKubernetesStatus(String reason, int code) {
    RawResponse response = world.lastResponse();
    JsonNode status = JsonBody.of(response);
    assertThat(
            List.of(
                status.path("kind").asString(),
                status.path("reason").asString(),
                status.path("code").asInt()))
        .as("kind, reason and code of the Status; %s", clusters.describe(response))
        .containsExactly("Status", reason, code);
  }

  @Then("the response is what cluster {cluster} answers directly to the same request")
  public void responseIsWhatClusterAnswersDirectly(ClusterSpec cluster) {
    RawRequest sent =
        world.lastSent().orElseThrow(() -> new AssertionError("no request was sent")).request();
    Optional<String> contentType =
        sent.headers().stream()
            .filter(field -> field.name().equalsIgnoreCase("Content-Type"))
            .map(field -> field.value())
            .findFirst();
    KubeApiClient.Response direct =
        clusters
            .direct(cluster)
            .send(
                sent.method(),
                sent.target(),
                contentType.orElse(null),
                sent.body(),
                clusters.clusterToken(sent).orElse(null));
    RawResponse response = world.lastResponse();
    String comparison =
        "the cluster answered directly: status "
            + direct.status()
            + " "
            + direct.contentType().orElse("(no Content-Type)")
            + " "
            + direct.text()
            + "; through the proxy: "
            + clusters.describe(response);
    assertThat(response.status()).as("status; %s", comparison).isEqualTo(direct.status());
    assertThat(response.header("Content-Type"))
        .as("Content-Type; %s", comparison)
        .isEqualTo(direct.contentType());
    assertThat(response.body()).as("body bytes; %s", comparison).isEqualTo(direct.body());
  }

  @Then("cluster {cluster} holds ConfigMap {string} in namespace {string} with data {string}")
  public void clusterHoldsConfigMap(
      ClusterSpec cluster, String name, String namespace, String data) {
    JsonNode configMap =
        clusters
            .direct(cluster)
            .configMap(namespace, name)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "cluster "
                            + cluster.id()
                            + " has no ConfigMap "
                            + namespace
                            + "/"
                            + name
                            + "; the proxy answered "
                            + clusters.describe(world.lastResponse())));
    assertThat(configMap.path("data"))
        .as("data of ConfigMap %s/%s on cluster %s", namespace, name, cluster.id())
        .isEqualTo(json(data, "the expected data"));
  }

  @Then("cluster {cluster} holds no ConfigMap {string} in namespace {string}")
  public void clusterHoldsNoConfigMap(ClusterSpec cluster, String name, String namespace) {
    assertThat(clusters.direct(cluster).configMap(namespace, name))
        .as(
            "ConfigMap %s/%s on cluster %s; the proxy answered %s",
            namespace, name, cluster.id(), clusters.describe(world.lastResponse()))
        .isEmpty();
  }

  private static List<String> namespaceNames(RawResponse response) {
    List<String> names = new ArrayList<>();
    JsonBody.of(response)
        .path("items")
        .forEach(item -> names.add(item.path("metadata").path("name").asString()));
    return names;
  }

  private static JsonNode json(String text, String what) {
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      throw new AssertionError(what + " is not JSON: " + text, e);
    }
  }
}
