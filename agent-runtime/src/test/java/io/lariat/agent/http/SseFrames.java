package io.lariat.agent.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Parses a response body into its SSE events or NDJSON lines, for event-by-event assertions. */
final class SseFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SseFrames() {
    }

    /** One SSE event: its name (null when unnamed) and data. */
    record Event(String name, String data) {
        JsonNode json() {
            return parse(data);
        }
    }

    /** The events of an SSE body; every event must be terminated by a blank line. */
    static List<Event> events(String body) {
        if (!body.endsWith("\n\n")) {
            throw new AssertionError("SSE body does not end with a blank line: " + body);
        }
        List<Event> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                } else {
                    throw new AssertionError("unexpected SSE line: " + line);
                }
            }
            events.add(new Event(name, data.toString()));
        }
        return events;
    }

    /** The JSON objects of an NDJSON body; every line must be terminated by a newline. */
    static List<JsonNode> lines(String body) {
        if (!body.endsWith("\n")) {
            throw new AssertionError("NDJSON body does not end with a newline: " + body);
        }
        return body.lines().map(SseFrames::parse).toList();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
