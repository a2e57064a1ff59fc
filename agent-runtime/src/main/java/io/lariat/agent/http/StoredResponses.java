package io.lariat.agent.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.lariat.agent.config.LariatConfig;
import io.lariat.agent.http.openai.ResponseObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Responses API's stored responses, in memory: each with the conversation a later response continues by
 * {@code previous_response_id} and the input items it was given. At most {@code lariat.responses.max-stored} are
 * kept; one more forgets the least recently used. Thread-safe.
 */
@ApplicationScoped
public class StoredResponses {
    private final int limit;
    private final Map<String, Stored> responses;

    /** One stored response. */
    public record Stored(ResponseObject response, ArrayNode conversation, ArrayNode inputItems) {
    }

    @Inject
    StoredResponses(LariatConfig config) {
        this(config.responses().maxStored());
    }

    /** A store keeping at most {@code limit} responses (0 keeps none). */
    public StoredResponses(int limit) {
        if (limit < 0) {
            throw new IllegalStateException("lariat.responses.max-stored: must be 0 or more, got " + limit);
        }
        this.limit = limit;
        this.responses = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
                return size() > StoredResponses.this.limit;
            }
        };
    }

    /** Keeps a finished response. */
    public synchronized void put(Stored stored) {
        responses.put(stored.response().id(), stored);
    }

    /** The stored response of {@code id}, if it is still kept. */
    public synchronized Optional<Stored> get(String id) {
        return Optional.ofNullable(responses.get(id));
    }

    /** Forgets a response; whether it was kept. */
    public synchronized boolean remove(String id) {
        return responses.remove(id) != null;
    }
}
