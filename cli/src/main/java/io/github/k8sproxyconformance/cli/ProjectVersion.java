package io.github.k8sproxyconformance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The project version for {@code --version}, from a resource Maven filters at build time, so it is
 * right in the jar and in tests alike.
 */
final class ProjectVersion implements IVersionProvider {

  static final String RESOURCE = "/k8s-proxy-conformance-version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"k8s-proxy-conformance " + version()};
  }

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return properties.getProperty("version", "unknown");
  }
}
