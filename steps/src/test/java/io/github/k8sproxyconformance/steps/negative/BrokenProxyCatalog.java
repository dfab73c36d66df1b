package io.github.k8sproxyconformance.steps.negative;

import io.github.k8sproxyconformance.proxy.config.ConfigException;
import io.github.k8sproxyconformance.steps.proxy.Harness;
import io.github.k8sproxyconformance.steps.proxy.ProxyTarget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every broken proxy of the negative controls, by name.
 *
 * <p>The recipes live in classes by what they break ({@code *Breakages}); the catalog gathers them
 * and refuses a name used twice. The names are the columns of the matrix and the keys of {@code
 * negative-controls/kills.yaml}; each says the one behaviour it breaks. Configuration changes come
 * first, relays in front of or behind the reference proxy where no setting breaks the rule, and a
 * relay routing around the reference proxy only for what it refuses to do at all.
 */
public final class BrokenProxyCatalog {

  /** One broken proxy: its name, how it is made, and how to start it. */
  record Recipe(String name, String how, Function<ProxyKit, BrokenProxy> start) {}

  private final Map<String, Recipe> recipes = new LinkedHashMap<>();

  public BrokenProxyCatalog() {
    for (List<Recipe> group :
        List.of(
            SelectionAndPathBreakages.all(),
            CredentialAndTlsBreakages.all(),
            ResponseAndStreamBreakages.all(),
            SecurityBreakages.all(),
            CornerCaseBreakages.all(),
            ConfigurationAndApiBreakages.all(),
            WebSocketBreakages.all(),
            WholeHeadBreakages.all())) {
      group.forEach(recipe -> add(recipe.name(), recipe.how(), recipe.start()));
    }
  }

  /** Every broken proxy, in catalog order. */
  List<Recipe> all() {
    return List.copyOf(recipes.values());
  }

  /** The names of every broken proxy. */
  Set<String> names() {
    return recipes.keySet();
  }

  /**
   * Starts the broken proxy of that name on the harness's standard topology.
   *
   * @throws IllegalArgumentException naming the known proxies when the name is unknown
   */
  public ProxyTarget start(String name, Harness harness) {
    return start(name, harness, ProxyKit.standardConfigFile(harness));
  }

  /**
   * Starts the broken proxy of that name on an app-config file: the configuration a {@code
   * @reconfigures-proxy} scenario starts its own proxy on.
   *
   * @throws ConfigException when the configuration is refused, by the reference proxy or by the
   *     broken one
   * @throws IllegalArgumentException naming the known proxies when the name is unknown
   */
  public ProxyTarget start(String name, Harness harness, Path appConfigFile) {
    Recipe recipe = recipes.get(name);
    if (recipe == null) {
      throw new IllegalArgumentException(
          "no broken proxy named '" + name + "'; known: " + recipes.keySet());
    }
    return recipe.start().apply(new ProxyKit(harness, name, appConfigFile));
  }

  private void add(String name, String how, Function<ProxyKit, BrokenProxy> start) {
    if (recipes.containsKey(name)) {
      throw new IllegalStateException("two broken proxies are named '" + name + "'");
    }
    recipes.put(name, new Recipe(name, how, start));
  }
}
