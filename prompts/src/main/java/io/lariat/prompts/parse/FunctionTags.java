package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code <function=NAME>{...}</function>} calls anywhere in a text (spec §9.2 step 4.1). Stateless.
 *
 * <p>The JSON object is read by a real JSON parser, so nested braces, strings with braces and multi-line objects
 * work; the closing tag is optional.
 */
final class FunctionTags {

    static final String OPEN = "<function=";
    private static final String CLOSE = "</function>";
    private static final Pattern TAG = Pattern.compile("<function=([A-Za-z0-9_.\\-]+)>");

    /** The calls found, the text around them and why tags that were found could not be read. */
    record Scan(List<ToolCall> calls, String content, List<String> problems) {
    }

    private FunctionTags() {
    }

    static Scan scan(String text) {
        List<ToolCall> calls = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        StringBuilder content = new StringBuilder();
        Matcher tag = TAG.matcher(text);
        int copied = 0;
        int searchFrom = 0;
        while (tag.find(searchFrom)) {
            searchFrom = tag.end();
            try {
                int end = readCall(text, tag, calls);
                content.append(text, copied, tag.start());
                copied = end;
                searchFrom = end;
            } catch (MalformedCallException e) {
                problems.add("function tag <function=" + tag.group(1) + "> is not a call: " + e.getMessage());
            }
        }
        content.append(text, copied, text.length());
        return new Scan(calls, content.toString(), problems);
    }

    private static int readCall(String text, Matcher tag, List<ToolCall> calls) {
        int start = JsonCalls.skipWhitespace(text, tag.end());
        if (start >= text.length() || text.charAt(start) != '{') {
            throw new MalformedCallException("no JSON object after the tag");
        }
        JsonCalls.Read read = JsonCalls.read(text, start, true);
        if (!(read.value() instanceof ObjectNode arguments)) {
            throw new MalformedCallException("arguments are not a JSON object");
        }
        calls.add(new CustomToolCall(tag.group(1), arguments, ToolCallFormat.FUNCTION_TAG));
        int after = JsonCalls.skipWhitespace(text, read.end());
        return text.startsWith(CLOSE, after) ? after + CLOSE.length() : read.end();
    }
}
