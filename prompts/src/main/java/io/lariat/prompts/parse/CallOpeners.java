package io.lariat.prompts.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether the start of an untagged generation is, could still become, or cannot be a call (spec §10).
 * Stateless.
 */
final class CallOpeners {

    /** What the start of the output says so far. */
    enum Verdict {
        /** It cannot become a call at its start: stream it. */
        TEXT,
        /** It could still become a call: hold it back. */
        MAYBE,
        /** It most likely is a call: hold everything until the stop token. */
        CALL
    }

    /** The JSON opener of spec §10 widened to the definition envelope, which the parser also accepts. */
    private static final Pattern JSON_CALL = Pattern.compile(
            "\\{\\s*(\"type\"\\s*:\\s*\"function\"\\s*,\\s*)?(\"function\"\\s*:\\s*\\{\\s*)?\"name\"\\s*:\\s*\"");
    private static final Pattern FENCE_HEADER = Pattern.compile("```[\\w.+-]*[ \\t]*\\r?\\n");

    private CallOpeners() {
    }

    /**
     * Classifies the output so far, leading whitespace removed.
     *
     * @param text the output so far without leading whitespace, never empty
     */
    static Verdict classify(String text) {
        if (text.startsWith("`")) {
            return fenced(text);
        }
        if (text.startsWith("{")) {
            return json(text);
        }
        if (text.startsWith("[")) {
            return prefixVerdict(PythonCalls.LIST_OPENER.matcher(text));
        }
        return Verdict.TEXT;
    }

    private static Verdict fenced(String text) {
        if ("```".startsWith(text)) {
            return Verdict.MAYBE;
        }
        Matcher header = FENCE_HEADER.matcher(text);
        if (!header.lookingAt()) {
            return header.hitEnd() ? Verdict.MAYBE : Verdict.TEXT;
        }
        String inner = text.substring(header.end()).stripLeading();
        return inner.isEmpty() ? Verdict.MAYBE : classify(inner);
    }

    /**
     * A JSON object at the start is a call candidate until it closes, because call keys may come in any order;
     * once closed, it is a call exactly when the parser would take it as one.
     */
    private static Verdict json(String text) {
        int end = objectEnd(text);
        if (end < 0) {
            Matcher opener = JSON_CALL.matcher(text);
            return opener.lookingAt() ? Verdict.CALL : Verdict.MAYBE;
        }
        try {
            JsonCalls.Read read = JsonCalls.read(text, 0, false);
            return JsonCalls.toCall(read.value()) != null ? Verdict.CALL : Verdict.TEXT;
        } catch (MalformedCallException e) {
            return Verdict.TEXT;
        }
    }

    /** The offset just past the top-level object that starts the text, or -1 while it is still open. */
    private static int objectEnd(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static Verdict prefixVerdict(Matcher matcher) {
        if (matcher.lookingAt()) {
            return Verdict.CALL;
        }
        return matcher.hitEnd() ? Verdict.MAYBE : Verdict.TEXT;
    }
}
