package io.lariat.agent.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches JAX-RS into the error body of the request's {@link ErrorDialect}, with a 4xx
 * for client mistakes and a 500 without internals for the server's own (logged with its stack trace). Mappers for
 * Jackson's and JAX-RS's exception types are declared explicitly so that they win over Quarkus's built-in ones.
 */
public class ApiExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response any(Exception e, UriInfo uri) {
        return respond(e, uri);
    }

    /** The response for {@code failure} on a request to {@code uri}. */
    static Response respond(Throwable failure, UriInfo uri) {
        ApiError error = ApiError.of(failure);
        if (error.serverError()) {
            LOG.errorf(failure, "request %s failed", uri.getPath());
        }
        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON)
                .entity(ErrorDialect.forPath(uri.getPath()).body(error));
        if (error.retryAfterSeconds() > 0) {
            response.header("Retry-After", error.retryAfterSeconds());
        }
        return response.build();
    }
}
