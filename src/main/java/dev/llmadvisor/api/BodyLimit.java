package dev.llmadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request whose declared body is over {@code quarkus.http.limits.max-body-size} is answered with
 * a 413 problem document before its body is read: the HTTP layer's own refusal is a 413 with no
 * body at all, which tells a client nothing. A body sent without a Content-Length (chunked) is read
 * here, up to the limit, and handed on as the request's body; past the limit it gets the same
 * problem.
 */
@ApplicationScoped
public class BodyLimit {
  private final long limit;
  private final ObjectMapper json;
  private final BodyHandler chunked;

  public BodyLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
      ObjectMapper json) {
    this.limit = limit.asLongValue();
    this.json = json;
    this.chunked = BodyHandler.create(false).setBodyLimit(this.limit).setMergeFormAttributes(false);
  }

  void install(@Observes Router router) {
    // Before every other route, so that no handler starts reading the body.
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(this::check)
        .failureHandler(this::refuseChunked);
  }

  void check(RoutingContext context) {
    String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null && context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
      // Chunked: Vert.x's body handler reads it and stops at the limit with a 413 failure; the
      // resource then reads the buffered body (Quarkus REST takes a body already read).
      chunked.handle(context);
      return;
    }
    Long declared = length(header);
    if (declared == null || declared <= limit) {
      context.next();
      return;
    }
    refuse(context, "The body has " + declared + " bytes");
  }

  private void refuseChunked(RoutingContext context) {
    if (context.statusCode() == 413 && !context.response().headWritten()) {
      refuse(context, "The chunked body grew past the limit");
    } else {
      context.next();
    }
  }

  private void refuse(RoutingContext context, String what) {
    Problem problem =
        new Problem(
            Problem.TYPE_BASE + "payload-too-large",
            "Request body too large",
            413,
            what
                + "; the service accepts at most "
                + limit
                + " bytes (quarkus.http.limits.max-body-size). A deployment plan, an admission"
                + " review or a what-if request is a few kilobytes.",
            null);
    try {
      context
          .response()
          .setStatusCode(413)
          .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
          // The body that was announced is not read: the connection cannot be reused.
          .putHeader(HttpHeaders.CONNECTION, "close")
          .end(json.writeValueAsString(problem));
    } catch (JsonProcessingException e) {
      context.fail(e);
    }
  }

  private static Long length(String header) {
    if (header == null) {
      return null;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return null; // the HTTP layer refuses a malformed length itself
    }
  }
}
