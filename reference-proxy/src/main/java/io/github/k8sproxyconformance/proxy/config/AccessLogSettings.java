package io.github.k8sproxyconformance.proxy.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the access log goes and what a line says: one line per exchange, written by a background
 * thread, never on the thread that serves the request.
 *
 * <p>The line formats are Jetty's {@code CustomRequestLog} formats. The named ones log the request
 * path without its query string: Kubernetes queries carry no credentials, but a cluster URL may
 * point at a server that takes a token in its query, and the log must never hold a token. A custom
 * format may add {@code %q} where an operator wants the query.
 *
 * @param destination where the lines go
 * @param file the file for {@link Destination#FILE}, appended to; empty otherwise
 * @param format the {@code CustomRequestLog} format of one line
 */
public record AccessLogSettings(Destination destination, Optional<Path> file, String format) {

  /** NCSA combined (Apache's and nginx's default) with the path in place of path and query. */
  public static final String COMBINED_FORMAT =
      "%{client}a - %u %t \"%m %U %H\" %s %O \"%{Referer}i\" \"%{User-Agent}i\"";

  /** NCSA common: combined without Referer and User-Agent. */
  public static final String COMMON_FORMAT = "%{client}a - %u %t \"%m %U %H\" %s %O";

  /** Standard error, in the combined format: where the application log goes too. */
  public static final AccessLogSettings DEFAULTS =
      new AccessLogSettings(Destination.STDERR, Optional.empty(), COMBINED_FORMAT);

  /** Where access log lines go. */
  public enum Destination {
    /** No access log. */
    OFF,
    /** Standard error, each line as written. */
    STDERR,
    /** The application log (SLF4J), as INFO lines of their own logger. */
    LOG,
    /** A file, appended to. */
    FILE
  }

  /** Requires a file exactly for {@link Destination#FILE}. */
  public AccessLogSettings {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    if ((destination == Destination.FILE) != file.isPresent()) {
      throw new IllegalArgumentException("a file exactly when the destination is FILE");
    }
  }
}
