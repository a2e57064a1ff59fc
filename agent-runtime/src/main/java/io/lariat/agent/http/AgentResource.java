package io.lariat.agent.http;

import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.AgentRuntime;
import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.ModelNotFoundException;
import io.lariat.agent.Session;
import io.lariat.agent.StatsEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.chat.ServerMetrics;
import io.lariat.agent.http.agent.AgentStream;
import io.lariat.agent.http.agent.AgentWire;
import io.lariat.prompts.OpenAiMessages;
import io.lariat.tools.ToolDefinition;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.List;

/**
 * Lariat's agent API: list the agents, open sessions, send a message and receive the agent's tool loop as SSE
 * events (or one result), read and delete a session. Closing the connection mid-run cancels the run's generation and
 * tool call. Errors have the shape {@code {"error": {"code", "message"}}} ({@link ErrorDialect.Lariat}).
 */
@Path("/agents")
@Tag(name = "Agents")
public class AgentResource {
    @Inject
    AgentRuntime runtime;

    @Inject
    AgentSessions sessions;

    @Inject
    ServerMetrics metrics;

    /** The declared agents with their tools; building an agent loads its model, so this may block. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    @Operation(summary = "List agents")
    public List<AgentWire.AgentInfo> list() {
        return runtime.agentNames().stream().map(this::info).toList();
    }

    /** Opens a session with the agent. */
    @POST
    @Path("/{name}/sessions")
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @RunOnVirtualThread
    @Operation(summary = "Open a session")
    public AgentWire.SessionCreated open(@PathParam("name") String name) {
        runtime.agent(name);
        return new AgentWire.SessionCreated(sessions.open(name).id(), name);
    }

    /** Runs the agent on one user message; SSE events, or one JSON result with {@code "stream": false}. */
    @POST
    @Path("/{name}/sessions/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @RunOnVirtualThread
    @Operation(summary = "Send a message to an agent session")
    public RestMulti<Buffer> message(@PathParam("name") String name, @PathParam("id") String id,
                                     AgentWire.MessageRequest body) {
        if (body == null || body.content() == null || body.content().isBlank()) {
            throw InvalidRequestException.badValue("$.content", "required: the user's message");
        }
        Agent agent = runtime.agent(name);
        Session session = sessions.find(name, id);
        if (session.running()) {
            throw new AgentRunException("session_busy", "session '" + id + "' is already running a message");
        }
        String model = agent.backend().name();
        Multi<AgentEvent> events = agent.run(session, body.content()).onItem().invoke(e -> record(model, e));
        if (body.streaming()) {
            return ResponseStreams.body(AgentStream.frames(events), MediaType.SERVER_SENT_EVENTS,
                    AgentStream::errorFrame);
        }
        return ResponseStreams.body(AgentStream.result(id, events).map(Json::write).toMulti(),
                MediaType.APPLICATION_JSON, error -> "");
    }

    /** The session's conversation. */
    @GET
    @Path("/{name}/sessions/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a session's transcript")
    public AgentWire.Transcript transcript(@PathParam("name") String name, @PathParam("id") String id) {
        Session session = sessions.find(name, id);
        return new AgentWire.Transcript(id, name, session.tokens(), session.running(),
                OpenAiMessages.toJson(session.messages()));
    }

    /** Closes the session, releasing its KV cache and tool state. */
    @DELETE
    @Path("/{name}/sessions/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a session")
    public void delete(@PathParam("name") String name, @PathParam("id") String id) {
        sessions.delete(name, id);
    }

    private void record(String model, AgentEvent event) {
        switch (event) {
            case ToolCallEvent c -> metrics.agentToolCall(model);
            case StatsEvent s -> metrics.agentRun(model, s.promptTokensEvaluated(), s.generatedTokens());
            default -> {
                // only calls and the closing statistics are counted
            }
        }
    }

    private AgentWire.AgentInfo info(String name) {
        try {
            Agent agent = runtime.agent(name);
            List<AgentWire.ToolInfo> tools = agent.tools().definitions().stream().map(AgentResource::tool).toList();
            return new AgentWire.AgentInfo(name, agent.backend().name(), agent.systemPrompt(), tools, null);
        } catch (ModelNotFoundException | IllegalStateException | IllegalArgumentException e) {
            return new AgentWire.AgentInfo(name, null, null, List.of(), e.getMessage());
        }
    }

    private static AgentWire.ToolInfo tool(ToolDefinition d) {
        return new AgentWire.ToolInfo(d.name(), d.description(), d.builtin(), d.parametersSchema());
    }
}
