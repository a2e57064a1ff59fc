package io.lariat.agent.http.openai;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The body of {@code GET /v1/models}. */
public record ModelList(String object, List<ModelEntry> data) {

    /** One served model; {@code created} is the model file's modification time in epoch seconds. */
    public record ModelEntry(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }
}
