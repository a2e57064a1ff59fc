package io.lariat.agent.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The server root, answered as Ollama answers it: clients and scripts probe {@code GET /} or {@code HEAD /} and
 * expect 200 with {@code Ollama is running}.
 */
@Path("/")
@Tag(name = "Ollama")
public class RootResource {
    /** Ollama's answer to a probe of the root. */
    static final String RUNNING = "Ollama is running";

    /** The liveness text. */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Server probe (Ollama-compatible)")
    public String running() {
        return RUNNING;
    }

    /** The probe's headers without a body. */
    @HEAD
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Server probe without a body (Ollama-compatible)")
    public Response head() {
        return Response.ok().type(MediaType.TEXT_PLAIN_TYPE).build();
    }
}
