package io.github.k8sproxyconformance.proxy.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value of the parsed YAML tree together with its key path.
 *
 * <p>Carrying the path with the value lets every reader report an error as {@code <path>:
 * <problem>} without threading the path by hand, and applies Backstage's {@code ${VAR}}
 * substitution to every scalar read, so a missing variable is reported at the key that uses it.
 */
final class YamlNode {
  /** {@code $${X}} is an escaped literal {@code ${X}}; {@code ${X}} reads variable X. */
  private static final Pattern VARIABLE = Pattern.compile("\\$(\\$?)\\{([^}]*)}");

  private final Object value;
  private final String path;
  private final Map<String, String> env;

  private YamlNode(Object value, String path, Map<String, String> env) {
    this.value = value;
    this.path = path;
    this.env = env;
  }

  /** The document root. */
  static YamlNode root(Object document, Map<String, String> env) {
    return new YamlNode(document, "", env);
  }

  String path() {
    return path;
  }

  boolean isMissing() {
    return value == null;
  }

  /** The child at {@code key}; missing when this node or the key is absent. */
  YamlNode get(String key) {
    String childPath = path.isEmpty() ? key : path + "." + key;
    if (value == null) {
      return new YamlNode(null, childPath, env);
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw error("must be a mapping");
    }
    return new YamlNode(map.get(key), childPath, env);
  }

  /** The keys of this mapping, in file order; empty when missing. */
  Set<String> keys() {
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw error("must be a mapping");
    }
    Set<String> keys = new LinkedHashSet<>();
    map.keySet().forEach(k -> keys.add(String.valueOf(k)));
    return keys;
  }

  /** The elements of this required sequence. */
  List<YamlNode> list() {
    if (value == null) {
      throw error("missing");
    }
    if (!(value instanceof List<?> items)) {
      throw error("must be a list");
    }
    List<YamlNode> nodes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      nodes.add(new YamlNode(items.get(i), path + "[" + i + "]", env));
    }
    return nodes;
  }

  /** This required string, variables substituted. */
  String string() {
    return optionalString().orElseThrow(() -> error("missing"));
  }

  /** This string, variables substituted; empty when missing. */
  Optional<String> optionalString() {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw error("must be a string");
    }
    return Optional.of(substitute(text));
  }

  /** This boolean ({@code true}/{@code false}, also as a substituted string), else the default. */
  boolean bool(boolean defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value instanceof String s ? substitute(s).trim() : "";
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw error("must be true or false");
  }

  /** This whole number within [min, max] (also as a substituted string), else the default. */
  long number(long defaultValue, long min, long max) {
    if (value == null) {
      return defaultValue;
    }
    long number;
    if (value instanceof Integer || value instanceof Long) {
      number = ((Number) value).longValue();
    } else if (value instanceof String s) {
      try {
        number = Long.parseLong(substitute(s).trim());
      } catch (NumberFormatException e) {
        throw error("must be a whole number");
      }
    } else {
      throw error("must be a whole number");
    }
    if (number < min || number > max) {
      throw error("must be between " + min + " and " + max);
    }
    return number;
  }

  /** An error about this node, its message starting with the key path. */
  ConfigException error(String problem) {
    return new ConfigException((path.isEmpty() ? "(document)" : path) + ": " + problem);
  }

  private String substitute(String text) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (!matcher.group(1).isEmpty()) {
        replacement = "${" + matcher.group(2) + "}";
      } else {
        String name = matcher.group(2).trim();
        replacement = env.get(name);
        if (replacement == null) {
          throw error("environment variable '" + name + "' is not set");
        }
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
