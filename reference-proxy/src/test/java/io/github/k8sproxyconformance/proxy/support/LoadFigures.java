package io.github.k8sproxyconformance.proxy.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a load run measured: latency percentiles, and the proxy process's peak threads and resident
 * memory, sampled while the load runs. The figures are printed and appended to {@code
 * target/load/figures.txt}, from where docs/reliability.md takes them.
 */
public final class LoadFigures implements AutoCloseable {
  private final ProxyProcess proxy;
  private final AtomicLong peakThreads = new AtomicLong();
  private final AtomicLong peakResidentKib = new AtomicLong();
  private final Thread sampler;
  private volatile boolean sampling = true;

  public LoadFigures(ProxyProcess proxy) {
    this.proxy = proxy;
    sampler = new Thread(this::sample, "load-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (sampling) {
      peakThreads.accumulateAndGet(proxy.threads(), Math::max);
      peakResidentKib.accumulateAndGet(proxy.residentKib(), Math::max);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** "p50 x ms, p90 ..., max ..." of {@code nanos}, which is sorted in place. */
  public static String percentiles(long[] nanos) {
    Arrays.sort(nanos);
    return String.format(
        "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
        at(nanos, 0.50), at(nanos, 0.90), at(nanos, 0.99), at(nanos, 0.999), at(nanos, 1.0));
  }

  private static double at(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  /** The proxy's peak and current threads and memory, as one line. */
  public String proxyFigures() {
    return String.format(
        "proxy JVM: peak %d threads, peak RSS %d MiB; after the run %d threads, RSS %d MiB",
        peakThreads.get(),
        peakResidentKib.get() / 1024,
        proxy.threads(),
        proxy.residentKib() / 1024);
  }

  /** Prints {@code line} and appends it to target/load/figures.txt. */
  public static void report(String line) throws IOException {
    System.out.println(line);
    Path file = Path.of("target", "load", "figures.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public void close() throws InterruptedException {
    sampling = false;
    sampler.interrupt();
    sampler.join(5_000);
  }
}
