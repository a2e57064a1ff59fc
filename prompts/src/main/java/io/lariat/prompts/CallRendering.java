package io.lariat.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.json.PythonJson;
import io.lariat.prompts.parse.BuiltinToolCall;
import io.lariat.prompts.parse.CodeInterpreterCall;
import io.lariat.prompts.parse.ToolCall;
import io.lariat.prompts.render.Segments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes the tool calls of a past assistant turn when it is re-rendered from structured data (spec §4, §6, §8). */
final class CallRendering {

    private CallRendering() {
    }

    /** Reference forms: raw code and builtin calls after the tag, custom calls in the configured style. */
    static void reference(Segments out, List<ToolCall> calls, ChatFormat.Options options) {
        List<ToolCall> custom = new ArrayList<>();
        for (ToolCall call : calls) {
            if (call instanceof CodeInterpreterCall code) {
                out.special(Segments.PYTHON_TAG).text(code.code());
            } else if (CodeInterpreterCall.NAME.equals(call.name()) && call.arguments().path("code").isTextual()) {
                out.special(Segments.PYTHON_TAG).text(call.arguments().get("code").textValue());
            } else if (isBuiltin(call, options)) {
                out.special(Segments.PYTHON_TAG).text(builtinCall(call));
            } else {
                custom.add(call);
            }
        }
        if (!custom.isEmpty()) {
            out.text(customCalls(custom, options.style()));
        }
    }

    /** Meta's builtin tools, which its reference ChatFormat writes as {@code NAME.call(query="...")}. */
    private static final List<String> META_BUILTINS = List.of("brave_search", "wolfram_alpha", "photogen",
            "web_search");

    /**
     * Meta's reference ChatFormat exactly (LM {@code encode_message}/{@code encode_tool_call}): the tag only before a
     * code_interpreter call, builtin calls untagged and unescaped, JSON calls with {@code "type": "function"} and
     * ASCII escapes, pythonic values as Python's {@code str()}.
     */
    static void plain(Segments out, AssistantMessage message, ChatFormat.Options options) {
        List<ToolCall> calls = message.toolCalls();
        if (!calls.isEmpty() && CodeInterpreterCall.NAME.equals(calls.getFirst().name())) {
            out.special(Segments.PYTHON_TAG);
        }
        out.text(message.content() == null ? "" : message.content());
        for (ToolCall call : calls) {
            out.text(metaCall(call, options.style()));
        }
    }

    private static String metaCall(ToolCall call, CustomToolStyle style) {
        ObjectNode arguments = call.arguments();
        if (META_BUILTINS.contains(call.name())) {
            return call.name() + ".call(query=\"" + arguments.path("query").asText() + "\")";
        }
        if (CodeInterpreterCall.NAME.equals(call.name())) {
            return arguments.path("code").asText();
        }
        return switch (style) {
            case JSON -> {
                Map<String, Object> object = new java.util.LinkedHashMap<>();
                object.put("type", "function");
                object.put("name", call.name());
                object.put("parameters", arguments);
                yield PythonJson.dumpsAscii(object);
            }
            case FUNCTION_TAG -> "<function=" + call.name() + ">" + PythonJson.dumpsAscii(arguments) + "</function>";
            case PYTHON_LIST -> "[" + call.name() + "(" + metaArguments(arguments) + ")]";
        };
    }

    private static String metaArguments(ObjectNode arguments) {
        List<String> parts = new ArrayList<>();
        arguments.properties().forEach(e -> parts.add(e.getKey() + "=" + metaValue(e.getValue())));
        return String.join(", ", parts);
    }

    /** LM's {@code format_value}: strings quoted without escaping, dicts as {@code {k=v}} (spec §6.3 notes both). */
    private static String metaValue(JsonNode value) {
        if (value.isTextual()) {
            return "\"" + value.textValue() + "\"";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(metaValue(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value.isObject()) {
            List<String> items = new ArrayList<>();
            value.properties().forEach(e -> items.add(e.getKey() + "=" + metaValue(e.getValue())));
            return "{" + String.join(", ", items) + "}";
        }
        return pythonLiteral(value);
    }

    /** The official HF 3.1 template's forms: builtin {@code .call(...)} after the tag, else one JSON object. */
    static void huggingFace(Segments out, List<ToolCall> calls, ChatFormat.Options options) {
        List<String> json = new ArrayList<>();
        for (ToolCall call : calls) {
            if (options.builtinTools().contains(call.name())) {
                out.special(Segments.PYTHON_TAG).text(templateBuiltinCall(call));
            } else {
                json.add(jsonCall(call));
            }
        }
        if (!json.isEmpty()) {
            out.text(String.join("\n", json));
        }
    }

    /** The template's {@code NAME.call(k="v", ...)}: string values pasted between quotes as they are (spec §8.5). */
    private static String templateBuiltinCall(ToolCall call) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : call.arguments().properties()) {
            JsonNode value = entry.getValue();
            parts.add(entry.getKey() + "=" + (value.isTextual() ? "\"" + value.textValue() + "\"" : pythonLiteral(value)));
        }
        return call.name() + ".call(" + String.join(", ", parts) + ")";
    }

    private static boolean isBuiltin(ToolCall call, ChatFormat.Options options) {
        return call instanceof BuiltinToolCall || options.builtinTools().contains(call.name());
    }

    private static String customCalls(List<ToolCall> calls, CustomToolStyle style) {
        List<String> parts = new ArrayList<>();
        for (ToolCall call : calls) {
            parts.add(switch (style) {
                case JSON -> jsonCall(call);
                case FUNCTION_TAG -> "<function=" + call.name() + ">" + PythonJson.dumps(call.arguments())
                        + "</function>";
                case PYTHON_LIST -> pythonCall(call);
            });
        }
        return switch (style) {
            case JSON -> String.join("\n", parts);
            case FUNCTION_TAG -> String.join("", parts);
            case PYTHON_LIST -> "[" + String.join(", ", parts) + "]";
        };
    }

    static String jsonCall(ToolCall call) {
        return "{\"name\": \"" + call.name() + "\", \"parameters\": " + PythonJson.dumps(call.arguments()) + "}";
    }

    /** {@code NAME.call(k="v", ...)}; strings are escaped (the HF template pastes them raw, which breaks on quotes). */
    static String builtinCall(ToolCall call) {
        return call.name() + ".call(" + keywordArguments(call.arguments()) + ")";
    }

    private static String pythonCall(ToolCall call) {
        return call.name() + "(" + keywordArguments(call.arguments()) + ")";
    }

    private static String keywordArguments(ObjectNode arguments) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : arguments.properties()) {
            parts.add(entry.getKey() + "=" + pythonLiteral(entry.getValue()));
        }
        return String.join(", ", parts);
    }

    /** A Python literal; dicts as {@code {"k": v}} (spec §6.3 project rule), strings double-quoted and escaped. */
    static String pythonLiteral(JsonNode value) {
        if (value.isTextual()) {
            return "\"" + value.textValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    .replace("\r", "\\r").replace("\t", "\\t") + "\"";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isNull() || value.isMissingNode()) {
            return "None";
        }
        if (value.isFloatingPointNumber()) {
            return PythonJson.floatRepr(value.doubleValue());
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(pythonLiteral(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value.isObject()) {
            List<String> items = new ArrayList<>();
            value.properties().forEach(e -> items.add(pythonLiteral(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(e.getKey())) + ": "
                    + pythonLiteral(e.getValue())));
            return "{" + String.join(", ", items) + "}";
        }
        return value.asText();
    }
}
