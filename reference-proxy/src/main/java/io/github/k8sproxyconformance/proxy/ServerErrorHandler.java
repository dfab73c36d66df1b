package io.github.k8sproxyconformance.proxy;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises itself, before the endpoint runs, in the JSON envelope too.
 *
 * <p>The main case is a target Jetty's parser refuses, such as dot segments that climb above the
 * server root: the caller should get the same {@code InputError} shape as for dot segments that
 * climb above a cluster's path. Such a request was never parsed, so its {@code request} member
 * shows Jetty's placeholder method and URL ({@code BAD /badMessage}) rather than the caller's.
 *
 * <p>Jetty answers a version or transfer coding it does not support with 505 or 501; those are
 * answered 400 here, keeping the reason in the message.
 */
final class ServerErrorHandler implements Request.Handler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code
            ? code
            : response.getStatus();
    String message = HttpStatus.getMessage(status);
    if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof Throwable cause
        && cause.getMessage() != null) {
      message = message + ": " + cause.getMessage();
    }
    if (status == HttpStatus.NOT_IMPLEMENTED_501
        || status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
      // an unknown version or transfer coding is the caller's mistake: 400, as Node answers it,
      // so that a 5xx always means the proxy or a cluster failed
      status = HttpStatus.BAD_REQUEST_400;
    }
    String name =
        switch (status) {
          case 400 -> "InputError";
          case 404 -> "NotFoundError";
          default -> "Error";
        };
    String path = request.getHttpURI().getPath();
    String query = request.getHttpURI().getQuery();
    new ErrorEnvelope(status, name, message, "")
        .write(response, callback, request.getMethod(), query == null ? path : path + "?" + query);
    return true;
  }
}
