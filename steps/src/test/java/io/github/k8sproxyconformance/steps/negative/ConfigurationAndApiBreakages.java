package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.proxy.config.ConfigLoader;
import io.github.k8sproxyconformance.proxy.config.DuplicateNamePolicy;
import io.github.k8sproxyconformance.proxy.config.Profile;
import io.github.k8sproxyconformance.proxy.config.ProxyConfig;
import io.github.k8sproxyconformance.steps.negative.BrokenProxyCatalog.Recipe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The broken proxies that get a cluster configuration wrong (duplicate names, the single-cluster
 * fallback, an empty cluster list, the tokens of duplicates) and the one that rewrites the
 * Content-Type the Kubernetes API patches depend on.
 *
 * <p>Most of them only show on the configuration a {@code @reconfigures-proxy} scenario starts its
 * own proxy on, which is why {@link ProxyKit} builds on that file when there is one. They are kept
 * apart from {@link BrokenProxyCatalog}, which registers them, so that neither grows too large.
 */
final class ConfigurationAndApiBreakages {

  /** What a Node proxy that indexes into an empty cluster list answers. */
  private static final String CRASH =
      "{\"error\":{\"name\":\"TypeError\",\"message\":\"Cannot read properties of undefined"
          + " (reading 'name')\"},\"response\":{\"statusCode\":500}}";

  private ConfigurationAndApiBreakages() {}

  /** Every recipe of this class, in the order of the catalog's matrix. */
  static List<Recipe> all() {
    return List.of(
        new Recipe(
            "ignores-duplicate-reject",
            "config: duplicateNames first-match whatever is configured",
            k ->
                k.reference(
                    c -> ConfigChanges.withDuplicateNames(c, DuplicateNamePolicy.FIRST_MATCH))),
        new Recipe(
            "silent-about-duplicate-names",
            "reference proxy reporting no startup warnings",
            k -> k.reference(c -> c).silenced()),
        new Recipe(
            "accepts-duplicates-in-one-locator",
            "config: read with the 1.9 rules, which allow a name twice in one locator",
            k -> k.referenceOn(readWithNinetyLocatorRules(k.appConfigFile()))),
        new Recipe(
            "no-single-cluster-fallback",
            "front relay: a missing cluster header sent as 'undefined'",
            k ->
                k.front(
                    h ->
                        h.value(HeadRewrites.header(k)).isPresent()
                            ? h
                            : h.with(HeadRewrites.header(k), "undefined"),
                    ResponsePass.unchanged())),
        new Recipe(
            "crashes-without-clusters",
            "front relay: with no cluster configured, every answer a 500 TypeError",
            k ->
                k.front(
                    h -> h,
                    k.config().clusters().isEmpty()
                        ? ResponsePass.replacedWhen(
                            s -> true, h -> "HTTP/1.1 500 Internal Server Error", CRASH)
                        : ResponsePass.unchanged())),
        new Recipe(
            "pairs-duplicate-with-other-token",
            "config: service-account tokens rotated among clusters sharing a name",
            k ->
                k.reference(
                    c ->
                        ConfigChanges.withClusters(
                            c, ConfigChanges.duplicateTokensRotated(c.clusters())))),
        new Recipe(
            "forces-json-content-type",
            "front relay: every request Content-Type replaced by application/json",
            k ->
                k.front(
                    h ->
                        h.value("Content-Type").isPresent()
                            ? h.replaced("Content-Type", "application/json")
                            : h,
                    ResponsePass.unchanged())));
  }

  /**
   * The configuration read as in profile backstage-1.9, whose loader accepts a name twice in one
   * config locator, and then served in the profile the file names: a proxy of today that never
   * checks its locators for duplicates.
   */
  private static ProxyConfig readWithNinetyLocatorRules(Path appConfigFile) {
    try {
      Object root =
          new Load(LoadSettings.builder().build()).loadFromString(Files.readString(appConfigFile));
      Map<String, Object> document = new LinkedHashMap<>(asMap(root));
      Map<String, Object> proxy = new LinkedHashMap<>(asMap(document.get("proxy")));
      Profile served =
          Profile.fromConfigName(String.valueOf(proxy.get("profile")))
              .orElse(Profile.BACKSTAGE_CURRENT);
      proxy.put("profile", Profile.BACKSTAGE_1_9.configName());
      document.put("proxy", proxy);
      String yaml = new Dump(DumpSettings.builder().build()).dumpToString(document);
      ProxyConfig read =
          ConfigLoader.parse(yaml, System.getenv(), appConfigFile.toAbsolutePath().getParent());
      return ConfigChanges.withProfile(read, served);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + appConfigFile, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object node) {
    return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
