package io.github.k8sproxyconformance.proxy.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges configuration documents the way Backstage merges {@code app-config.yaml} with {@code
 * app-config.local.yaml}: later documents win.
 *
 * <p>Maps are merged key by key, recursively; a list or a scalar in a later document replaces the
 * earlier value whole. So a conformance config given after a portal's own replaces its {@code
 * kubernetes.clusterLocatorMethods} list, while its other keys (the {@code proxy:} section, say)
 * stay as they were.
 */
final class ConfigMerge {

  private ConfigMerge() {}

  /** {@code later} over {@code earlier}; either may be {@code null} (an empty document). */
  static Object merge(Object earlier, Object later) {
    if (earlier instanceof Map<?, ?> base && later instanceof Map<?, ?> over) {
      Map<Object, Object> merged = new LinkedHashMap<>(base);
      over.forEach((key, value) -> merged.put(key, merge(base.get(key), value)));
      return merged;
    }
    return later == null ? earlier : later;
  }
}
