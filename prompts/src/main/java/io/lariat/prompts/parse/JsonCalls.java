package io.lariat.prompts.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON values embedded in model output and recognises JSON call objects (spec §9.2 step 4.2). Stateless.
 */
final class JsonCalls {

    private static final ObjectMapper STRICT = new ObjectMapper();
    /** The lenient retry reads single-quoted strings, which models sometimes write inside function tags. */
    private static final ObjectMapper LENIENT = new ObjectMapper(JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build());

    /** One JSON value read from a text, and the offset just past it. */
    record Read(JsonNode value, int end) {
    }

    /** The calls read from a run of call objects, and the offset just past the last one. */
    record Run(List<ToolCall> calls, int end) {
    }

    private JsonCalls() {
    }

    /** Reads one JSON value starting at {@code start}; retries with single quotes allowed when {@code lenient}. */
    static Read read(String text, int start, boolean lenient) {
        try {
            return read(STRICT, text, start);
        } catch (IOException strictFailure) {
            if (!lenient) {
                throw new MalformedCallException("invalid JSON: " + shortMessage(strictFailure));
            }
            try {
                return read(LENIENT, text, start);
            } catch (IOException lenientFailure) {
                throw new MalformedCallException("invalid JSON: " + shortMessage(strictFailure));
            }
        }
    }

    private static Read read(ObjectMapper mapper, String text, int start) throws IOException {
        try (JsonParser parser = mapper.createParser(text.substring(start))) {
            JsonNode value = mapper.readTree(parser);
            if (value == null) {
                throw new MalformedCallException("no JSON value", start);
            }
            return new Read(value, start + (int) parser.currentLocation().getCharOffset());
        }
    }

    private static String shortMessage(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    /**
     * Reads call objects starting at {@code start} (which must be at a '{'), separated by whitespace, ';' or ','.
     * Returns an empty run when the first value is JSON but not a call object.
     */
    static Run readRun(String text, int start) {
        List<ToolCall> calls = new ArrayList<>();
        Read first = read(text, start, false);
        ToolCall call = toCall(first.value());
        if (call == null) {
            return new Run(calls, start);
        }
        calls.add(call);
        int end = first.end();
        while (true) {
            int next = skipSeparator(text, end);
            if (next >= text.length() || text.charAt(next) != '{') {
                return new Run(calls, end);
            }
            Read more;
            try {
                more = read(text, next, false);
            } catch (MalformedCallException e) {
                return new Run(calls, end);
            }
            ToolCall another = toCall(more.value());
            if (another == null) {
                return new Run(calls, end);
            }
            calls.add(another);
            end = more.end();
        }
    }

    private static int skipSeparator(String text, int from) {
        int i = skipWhitespace(text, from);
        if (i < text.length() && (text.charAt(i) == ';' || text.charAt(i) == ',')) {
            i = skipWhitespace(text, i + 1);
        }
        return i;
    }

    static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The call a JSON value describes, or null when it is not a call object: an object with a string {@code name} and
     * a {@code parameters} or {@code arguments} member or {@code "type": "function"}; the definition envelope
     * {@code {"type": "function", "function": {...}}} is unwrapped.
     *
     * @throws MalformedCallException when it is a call object whose arguments are not an object
     */
    static ToolCall toCall(JsonNode value) {
        if (!(value instanceof ObjectNode object)) {
            return null;
        }
        JsonNode type = object.get("type");
        if (type != null && !"function".equals(type.asText(null))) {
            return null;
        }
        if (!object.has("name") && object.get("function") instanceof ObjectNode envelope) {
            ObjectNode inner = envelope.deepCopy();
            inner.putIfAbsent("type", JsonNodeFactory.instance.textNode("function"));
            return toCall(inner);
        }
        JsonNode name = object.get("name");
        JsonNode arguments = object.has("parameters") ? object.get("parameters") : object.get("arguments");
        if (name == null || !name.isTextual() || name.asText().isBlank() || (arguments == null && type == null)) {
            return null;
        }
        return new CustomToolCall(name.asText(), argumentObject(arguments), ToolCallFormat.JSON);
    }

    /** Arguments as an object: absent or null mean none; a JSON string holding an object is decoded once. */
    static ObjectNode argumentObject(JsonNode arguments) {
        if (arguments == null || arguments.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (arguments instanceof ObjectNode object) {
            return object;
        }
        if (arguments.isTextual()) {
            try {
                if (STRICT.readTree(arguments.asText()) instanceof ObjectNode decoded) {
                    return decoded;
                }
            } catch (IOException e) {
                throw new MalformedCallException("arguments are a string that is not a JSON object: "
                        + shortMessage(e));
            }
        }
        throw new MalformedCallException("arguments must be a JSON object, got " + arguments.getNodeType()
                .name().toLowerCase(java.util.Locale.ROOT));
    }
}
