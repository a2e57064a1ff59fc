package io.lariat.prompts.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the decoded text of one assistant generation into content, tool calls and stop reason (spec §9.2).
 *
 * <p>Input: the text from the first generated token up to and including the stop token if one was sampled, special
 * tokens written as their literal names. Every call syntax of Llama 3.1/3.2/3.3 is accepted whatever the model:
 * builtin {@code .call(}, raw code, JSON (tagged or not), function tags and pythonic lists. The parser never throws on
 * model output: text that looks like a call but cannot be read stays content and a problem says why; nothing is
 * returned as a call from truncated output. Stateless and thread-safe.
 */
public final class ToolCallParser {

    private ToolCallParser() {
    }

    /**
     * Parses one generation.
     *
     * @param text the decoded generation, special tokens literal; null is read as empty
     * @return the turn, never null
     */
    public static ParsedTurn parse(String text) {
        String body = text == null ? "" : text;
        Stop stop = stopOf(body);
        body = switch (stop) {
            case EOM -> body.substring(0, body.length() - SpecialText.EOM.length());
            case EOT -> body.substring(0, body.length()
                    - (body.endsWith(SpecialText.EOT) ? SpecialText.EOT : SpecialText.END_OF_TEXT).length());
            case LENGTH -> body;
        };
        if (stop == Stop.LENGTH) {
            return truncated(body);
        }
        int tag = body.indexOf(SpecialText.PYTHON_TAG);
        if (tag >= 0) {
            return TaggedBody.parse(body.substring(0, tag), body.substring(tag + SpecialText.PYTHON_TAG.length()),
                    stop);
        }
        return untagged(body, stop);
    }

    /**
     * Parses one generation read token by token (spec §10: a call is recognised from the special token ids): the
     * stop and the position of the {@code <|python_tag|>} token are known from the ids, so ordinary tokens that
     * spell a special-token name are never taken for one (their text is removed from content like any special name).
     *
     * @param text        the decoded ordinary tokens, special tokens left out; null is read as empty
     * @param pythonTagAt where in {@code text} the first {@code <|python_tag|>} token was sampled, or -1
     * @param stop        how the generation ended: the stop token sampled, or {@link Stop#LENGTH}
     * @return the turn, never null
     */
    public static ParsedTurn parse(String text, int pythonTagAt, Stop stop) {
        String body = text == null ? "" : text;
        if (pythonTagAt > body.length()) {
            throw new IllegalArgumentException("python tag at " + pythonTagAt + " beyond the text's " + body.length());
        }
        if (stop == Stop.LENGTH) {
            ToolCallFormat attempted = pythonTagAt >= 0 ? taggedFormat(body.substring(pythonTagAt))
                    : attemptedFormat(SpecialText.remove(body));
            return truncated(body, attempted);
        }
        if (pythonTagAt >= 0) {
            return TaggedBody.parse(body.substring(0, pythonTagAt), body.substring(pythonTagAt), stop);
        }
        return untagged(body, stop);
    }

    private static Stop stopOf(String text) {
        if (text.endsWith(SpecialText.EOM)) {
            return Stop.EOM;
        }
        return text.endsWith(SpecialText.EOT) || text.endsWith(SpecialText.END_OF_TEXT) ? Stop.EOT : Stop.LENGTH;
    }

    /** spec §9.2 step 2: a partial call is never executed; the text is reported as content. */
    private static ParsedTurn truncated(String body) {
        return truncated(body, attemptedFormat(body));
    }

    private static ParsedTurn truncated(String body, ToolCallFormat attempted) {
        List<String> problems = attempted == ToolCallFormat.NONE ? List.of()
                : List.of("output was truncated at the token limit while writing a " + describe(attempted)
                        + " call; the call was not executed");
        return new ParsedTurn(content(SpecialText.remove(body)), List.of(), Stop.LENGTH, problems);
    }

    /** The call syntax a (possibly truncated) text starts to write, or NONE. */
    static ToolCallFormat attemptedFormat(String body) {
        int tag = body.indexOf(SpecialText.PYTHON_TAG);
        if (tag >= 0) {
            return taggedFormat(body.substring(tag + SpecialText.PYTHON_TAG.length()));
        }
        String t = SpecialText.remove(body).strip();
        if (t.contains(FunctionTags.OPEN)) {
            return ToolCallFormat.FUNCTION_TAG;
        }
        String inner = t.startsWith("```") ? t.substring(t.indexOf('\n') + 1).strip() : t;
        if (inner.startsWith("{")) {
            return ToolCallFormat.JSON;
        }
        return PythonCalls.LIST_OPENER.matcher(inner).lookingAt() ? ToolCallFormat.PYTHON_LIST : ToolCallFormat.NONE;
    }

    /** The call syntax of a (possibly truncated) body after {@code <|python_tag|>}. */
    private static ToolCallFormat taggedFormat(String tagged) {
        String after = tagged.strip();
        if (PythonCalls.looksBuiltin(after)) {
            return ToolCallFormat.BUILTIN;
        }
        return after.startsWith("{") ? ToolCallFormat.JSON
                : after.startsWith("[") ? ToolCallFormat.PYTHON_LIST : ToolCallFormat.CODE_INTERPRETER;
    }

    static String describe(ToolCallFormat format) {
        return switch (format) {
            case BUILTIN -> "builtin (NAME.call(...))";
            case CODE_INTERPRETER -> "code_interpreter";
            case JSON -> "JSON";
            case FUNCTION_TAG -> "<function=...>";
            case PYTHON_LIST -> "python list";
            case NONE -> "plain text";
        };
    }

    /** spec §9.2 step 4: function tags anywhere, else JSON or a pythonic list at the start, else plain text. */
    private static ParsedTurn untagged(String body, Stop stop) {
        String t = SpecialText.remove(body).strip();
        FunctionTags.Scan tags = FunctionTags.scan(t);
        if (!tags.calls().isEmpty()) {
            return new ParsedTurn(content(tags.content()), tags.calls(), stop, tags.problems());
        }
        List<String> problems = new ArrayList<>(tags.problems());
        String fenced = Fences.unwrap(t);
        String inner = fenced == null ? t : fenced.strip();
        if (inner.startsWith("{")) {
            try {
                JsonCalls.Run run = JsonCalls.readRun(inner, 0);
                if (!run.calls().isEmpty()) {
                    return new ParsedTurn(content(inner.substring(run.end())), run.calls(), stop, problems);
                }
            } catch (MalformedCallException e) {
                if (inner.contains("\"name\"") || inner.contains("'name'")) {
                    problems.add("looks like a JSON call but is not one: " + e.getMessage());
                }
            }
        } else if (inner.startsWith("[")) {
            try {
                return new ParsedTurn(null, PythonCalls.list(inner), stop, problems);
            } catch (MalformedCallException e) {
                if (PythonCalls.LIST_OPENER.matcher(inner).lookingAt()) {
                    problems.add("looks like a python list of calls but is not one: " + e.getMessage());
                }
            }
        }
        return new ParsedTurn(content(t), List.of(), stop, problems);
    }

    /** Content is trimmed, and null when nothing is left (spec §9.1). */
    static String content(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
