package io.github.k8sproxyconformance.proxy.config;

/**
 * A configuration file the proxy cannot run with.
 *
 * <p>The message is one line that starts with the key path of the offending entry, for example
 * {@code kubernetes.clusterLocatorMethods[1].clusters[0].url: missing}, so that an operator can fix
 * the file without reading a stack trace. Unchecked because it always ends startup.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem with the entry at the start of {@code message}. */
  public ConfigException(String message) {
    super(message);
  }

  /** A problem with the entry at the start of {@code message}, caused by {@code cause}. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
