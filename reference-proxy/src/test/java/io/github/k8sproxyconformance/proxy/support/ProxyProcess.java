package io.github.k8sproxyconformance.proxy.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shaded reference-proxy jar running in its own JVM, as users run it, so that load figures
 * (threads, resident memory) are the proxy's alone and not those of the test's clients and
 * clusters. Its log goes to a file: the proxy logs a line per exchange.
 */
public final class ProxyProcess implements AutoCloseable {
  private static final String LISTENING = "reference-proxy listening on ";

  private final Process process;
  private final URI endpoint;

  private ProxyProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Starts {@code jar} on {@code config}, logging to {@code log}; waits until it listens. */
  public static ProxyProcess start(Path jar, Path config, Path log) throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "--config",
            config.toString());
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
    try {
      return new ProxyProcess(process, URI.create(awaitEndpoint(process)));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /**
   * Reads a starting proxy's standard output until it says where it listens, for at most 60 s.
   *
   * @return the endpoint it printed, e.g. {@code http://127.0.0.1:41234/api/kubernetes/proxy}
   */
  public static String awaitEndpoint(Process process) throws Exception {
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> listening =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                  if (line.startsWith(LISTENING)) {
                    return line.substring(LISTENING.length()).trim();
                  }
                }
                throw new IllegalStateException("the proxy exited before it was listening");
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    return listening.get(60, TimeUnit.SECONDS);
  }

  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  /** The proxy JVM's thread count, or -1 where /proc is missing. */
  public long threads() {
    return status("Threads:");
  }

  /** The proxy JVM's resident memory in KiB, or -1 where /proc is missing. */
  public long residentKib() {
    return status("VmRSS:");
  }

  private long status(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", process.pid() + "", "status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process ended
    }
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
