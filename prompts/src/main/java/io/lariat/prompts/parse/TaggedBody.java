package io.lariat.prompts.parse;

import java.util.ArrayList;
import java.util.List;

/** Reads the body after {@code <|python_tag|>} (spec §9.2 step 3). Stateless. */
final class TaggedBody {

    private TaggedBody() {
    }

    static ParsedTurn parse(String before, String after, Stop stop) {
        String content = ToolCallParser.content(SpecialText.remove(before));
        String body = SpecialText.remove(after);
        String trimmed = body.strip();
        String fenced = Fences.unwrap(trimmed);
        String unwrapped = fenced == null ? trimmed : fenced.strip();
        List<String> problems = new ArrayList<>();
        if (unwrapped.isEmpty()) {
            problems.add("the <|python_tag|> body is empty; no call");
            return new ParsedTurn(content, List.of(), stop, problems);
        }
        List<ToolCall> calls = structured(unwrapped, problems);
        if (calls.isEmpty()) {
            String code = fenced != null ? stripLeadingLineBreaks(fenced).stripTrailing()
                    : stripLeadingLineBreaks(body).stripTrailing();
            calls = List.of(new CodeInterpreterCall(code));
        }
        return new ParsedTurn(content, calls, stop, problems);
    }

    /** A builtin call, a run of JSON call objects, or a pythonic list covering the whole body; else empty. */
    private static List<ToolCall> structured(String body, List<String> problems) {
        if (PythonCalls.looksBuiltin(body)) {
            try {
                return List.of(PythonCalls.builtin(body));
            } catch (MalformedCallException e) {
                problems.add("not a builtin call (" + e.getMessage() + "); the body is taken as code");
                return List.of();
            }
        }
        if (body.startsWith("{")) {
            try {
                JsonCalls.Run run = JsonCalls.readRun(body, 0);
                if (!run.calls().isEmpty() && JsonCalls.skipWhitespace(body, run.end()) == body.length()) {
                    return run.calls();
                }
            } catch (MalformedCallException e) {
                problems.add("not a JSON call (" + e.getMessage() + "); the body is taken as code");
            }
            return List.of();
        }
        if (body.startsWith("[")) {
            try {
                return PythonCalls.list(body);
            } catch (MalformedCallException e) {
                if (PythonCalls.LIST_OPENER.matcher(body).lookingAt()) {
                    problems.add("not a python list of calls (" + e.getMessage() + "); the body is taken as code");
                }
            }
        }
        return List.of();
    }

    private static String stripLeadingLineBreaks(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
            i++;
        }
        return text.substring(i);
    }
}
