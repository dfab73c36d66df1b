package io.github.k8sproxyconformance.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An error answer in Backstage's JSON envelope, {@code
 * {"error":{"name","message",...},"request":{"method","url"},"response":{"statusCode"}}}.
 *
 * <p>Clients and dashboards parse this shape, so the proxy's own failures use it byte for byte as
 * Backstage's error middleware writes it. Messages never carry tokens: they are built from cluster
 * names, URLs and fixed texts only.
 *
 * @param status the HTTP status
 * @param name the error class name Backstage reports, e.g. {@code NotFoundError}
 * @param message the error message
 * @param extraErrorMembers further members of the {@code error} object as raw JSON, starting with a
 *     comma, or empty
 */
record ErrorEnvelope(int status, String name, String message, String extraErrorMembers) {

  /** 404 {@code NotFoundError}: no cluster matches the request. */
  static ErrorEnvelope notFound(String message) {
    return new ErrorEnvelope(404, "NotFoundError", message, "");
  }

  /** 400 {@code InputError}: the request itself is unusable. */
  static ErrorEnvelope inputError(String message) {
    return new ErrorEnvelope(400, "InputError", message, "");
  }

  /** 409 {@code ConflictError}: the name matches several clusters; lists them. */
  static ErrorEnvelope conflict(String message, String candidatesJsonArray) {
    return new ErrorEnvelope(
        409, "ConflictError", message, ",\"candidates\":" + candidatesJsonArray);
  }

  /** 500 {@code Error}: the credential for the cluster cannot be produced. */
  static ErrorEnvelope serverError(String message) {
    return new ErrorEnvelope(500, "Error", message, "");
  }

  /** 503 {@code ServiceUnavailableError}: the cluster's connections and queue are all taken. */
  static ErrorEnvelope clusterBusy(String clusterName) {
    return new ErrorEnvelope(
        503,
        "ServiceUnavailableError",
        "Cluster '" + clusterName + "' has too many requests in flight; retry shortly",
        "");
  }

  /** 500 {@code Error}: the cluster could not be reached; Backstage's forwarded error shape. */
  static ErrorEnvelope requestError(String clusterName, UpstreamFailure failure) {
    String cause =
        ",\"cause\":{\"name\":\"Error\",\"code\":"
            + Json.quote(failure.code())
            + ",\"message\":"
            + Json.quote(failure.message())
            + "}";
    return new ErrorEnvelope(
        500,
        "Error",
        "Cluster '" + clusterName + "' request error; caused by Error: " + failure.message(),
        cause);
  }

  /** The envelope as JSON, for a request with {@code method} and {@code url}. */
  String toJson(String method, String url) {
    return "{\"error\":{\"name\":"
        + Json.quote(name)
        + ",\"message\":"
        + Json.quote(message)
        + extraErrorMembers
        + "},\"request\":{\"method\":"
        + Json.quote(method)
        + ",\"url\":"
        + Json.quote(url)
        + "},\"response\":{\"statusCode\":"
        + status
        + "}}";
  }

  /** Writes the envelope as the whole response and completes {@code callback}. */
  void write(Response response, Callback callback, String method, String url) {
    byte[] body = toJson(method, url).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
