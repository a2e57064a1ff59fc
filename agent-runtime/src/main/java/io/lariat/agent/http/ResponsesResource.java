package io.lariat.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.chat.ChatEvent;
import io.lariat.agent.chat.ChatRequest;
import io.lariat.agent.chat.ChatService;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.http.openai.ResponseObject;
import io.lariat.agent.http.openai.ResponsesInput;
import io.lariat.agent.http.openai.ResponsesMapping;
import io.lariat.agent.http.openai.ResponsesRequest;
import io.lariat.agent.http.openai.ResponsesStream;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * OpenAI's Responses API: {@code POST /v1/responses} (JSON or server-sent events), {@code GET} and {@code DELETE
 * /v1/responses/{id}} and {@code GET /v1/responses/{id}/input_items}. A response runs through the same chat pipeline
 * as {@code /v1/chat/completions}; with {@code store} (the default) it is kept ({@link StoredResponses}) so that a
 * later one continues it by {@code previous_response_id}. Errors have OpenAI's shape.
 */
@Path("/v1/responses")
@Tag(name = "OpenAI")
public class ResponsesResource {
    /** OpenAI's largest page of input items. */
    private static final int MAX_ITEMS = 100;

    @Inject
    ChatService chat;

    @Inject
    ServedModels models;

    @Inject
    StoredResponses stored;

    /** One model response; streamed as events when {@code stream} is true. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a model response (OpenAI Responses API)")
    @Blocking
    @RunOnVirtualThread
    public RestMulti<Buffer> create(ResponsesRequest body) {
        if (body == null) {
            throw InvalidRequestException.badValue(null, "a JSON body is required");
        }
        ResponsesMapping.checkSupported(body);
        ArrayNode previous = body.previousResponseId() == null ? JsonNodeFactory.instance.arrayNode()
                : stored.get(body.previousResponseId()).map(StoredResponses.Stored::conversation).orElseThrow(
                        () -> InvalidRequestException.badValue("$.previous_response_id", "no stored response '"
                                + body.previousResponseId() + "' (responses made with \"store\": false are not "
                                + "kept, and only the most recent lariat.responses.max-stored are)"));
        ArrayNode conversation = ResponsesInput.conversation(body.input(), previous);
        ChatRequest request = ResponsesMapping.chatRequest(body, conversation, models.profile(body.model()));
        ServedModel model = models.find(request.model());
        ResponseObject started = ResponsesMapping.started(ResponsesMapping.newId(),
                System.currentTimeMillis() / 1000, body, request, model);
        Function<ChatEvent.ChatCompleted, ResponseObject> finish = done -> {
            ResponseObject finished = ResponsesMapping.finished(started, done);
            if (body.stored()) {
                stored.put(new StoredResponses.Stored(finished, ResponsesMapping.continued(conversation, finished),
                        ResponsesInput.items(body.input(), finished.id())));
            }
            return finished;
        };
        Multi<ChatEvent> events = chat.chat(request);
        if (body.streaming()) {
            ResponsesStream stream = new ResponsesStream(started, finish);
            return ResponseStreams.body(stream.frames(events), MediaType.SERVER_SENT_EVENTS, stream::errorFrame);
        }
        Multi<String> document = events.collect().last()
                .map(last -> Json.write(finish.apply((ChatEvent.ChatCompleted) last))).toMulti();
        return ResponseStreams.body(document, MediaType.APPLICATION_JSON, error -> "");
    }

    /** A stored response. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retrieve a stored model response (OpenAI Responses API)")
    public ResponseObject get(@PathParam("id") String id) {
        return find(id).response();
    }

    /** Forgets a stored response. */
    @DELETE
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete a stored model response (OpenAI Responses API)")
    public JsonNode delete(@PathParam("id") String id) {
        if (!stored.remove(id)) {
            throw new ResourceNotFoundException("response", id);
        }
        return JsonNodeFactory.instance.objectNode().put("id", id).put("object", "response").put("deleted", true);
    }

    /** A page of a stored response's input items, newest first unless {@code order=asc}. */
    @GET
    @Path("/{id}/input_items")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List a stored response's input items (OpenAI Responses API)")
    public JsonNode inputItems(@PathParam("id") String id, @QueryParam("order") @DefaultValue("desc") String order,
                               @QueryParam("limit") @DefaultValue("20") String limitText,
                               @QueryParam("after") String after) {
        if (!order.equals("asc") && !order.equals("desc")) {
            throw InvalidRequestException.badValue("order", "expected \"asc\" or \"desc\", got \"" + order + "\"");
        }
        int limit;
        try {
            limit = Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_ITEMS) {
            throw InvalidRequestException.badValue("limit", "must be 1 to " + MAX_ITEMS + ", got " + limitText);
        }
        List<JsonNode> items = new ArrayList<>();
        find(id).inputItems().forEach(items::add);
        if (order.equals("desc")) {
            Collections.reverse(items);
        }
        int from = 0;
        if (after != null) {
            from = indexOf(items, after) + 1;
            if (from == 0) {
                throw InvalidRequestException.badValue("after", "no input item '" + after + "' in response " + id);
            }
        }
        List<JsonNode> page = items.subList(from, Math.min(items.size(), from + limit));
        ObjectNode list = JsonNodeFactory.instance.objectNode().put("object", "list");
        list.putArray("data").addAll(page);
        list.put("first_id", page.isEmpty() ? null : page.getFirst().path("id").asText());
        list.put("last_id", page.isEmpty() ? null : page.getLast().path("id").asText());
        list.put("has_more", from + page.size() < items.size());
        return list;
    }

    private StoredResponses.Stored find(String id) {
        return stored.get(id).orElseThrow(() -> new ResourceNotFoundException("response", id));
    }

    private static int indexOf(List<JsonNode> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).path("id").asText().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
