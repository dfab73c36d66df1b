package io.github.k8sproxyconformance.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.k8sproxyconformance.proxy.support.ProxyProcess;
import io.github.k8sproxyconformance.proxy.support.RecordedRequest;
import io.github.k8sproxyconformance.proxy.support.Upstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as users do, on a copy of the example configuration. */
class MainIT {
  private static final Path JAR =
      Path.of(System.getProperty("proxy.jar", "target/reference-proxy.jar"));

  @TempDir Path dir;
  private Process process;
  private Upstream upstream;

  @AfterEach
  void stop() throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private Process startJar(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("ALPHA_SA_TOKEN", "sa-token-from-env");
    return builder.start();
  }

  @Test
  void theJarProxiesToALocalClusterFromTheExampleConfiguration() throws Exception {
    upstream = Upstream.http();
    String example = Files.readString(ExampleConfigTest.EXAMPLE);
    Path config = dir.resolve("app-config.yaml");
    Files.writeString(
        config,
        example
            .replace("http://127.0.0.1:27101", upstream.url().toString())
            .replace("port: 7007", "port: 0"));

    process = startJar("--config", config.toString());
    URI endpoint = URI.create(ProxyProcess.awaitEndpoint(process));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(endpoint + "/api/v1/namespaces?limit=1"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Backstage-Kubernetes-Cluster", "alpha")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest received = upstream.onlyRequest();
    assertThat(received.rawTarget()).isEqualTo("/api/v1/namespaces?limit=1");
    assertThat(received.header("Authorization")).contains("Bearer sa-token-from-env");
  }

  @Test
  void theJarExplainsABadConfigurationAndExitsWith2() throws Exception {
    Path config = dir.resolve("app-config.yaml");
    Files.writeString(config, "kubernetes:\n  clusterLocatorMethods:\n    - type: magic\n");

    process = startJar("--config", config.toString());

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "reference-proxy: kubernetes.clusterLocatorMethods[0].type: unknown locator type 'magic'"
                + " (supported: config, localKubectlProxy)\n");
  }
}
