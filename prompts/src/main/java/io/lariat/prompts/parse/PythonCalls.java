package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the two Python-syntax call forms: builtin {@code NAME.call(...)} and pythonic lists. Stateless. */
final class PythonCalls {

    /** A list that opens like a call list; failing to parse one of these is worth a problem report. */
    static final Pattern LIST_OPENER = Pattern.compile("\\[\\s*[A-Za-z_][A-Za-z0-9_.-]*\\s*\\(");
    private static final Pattern BUILTIN_OPENER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s*\\.\\s*call\\s*\\(");

    private PythonCalls() {
    }

    /** Whether the text starts like a builtin call ({@code NAME.call(}). */
    static boolean looksBuiltin(String text) {
        return BUILTIN_OPENER.matcher(text).lookingAt();
    }

    /**
     * Reads a text that must be exactly {@code IDENT . call ( kwargs )} (spec §9.2 step 3.2).
     *
     * @throws MalformedCallException when it is not exactly one builtin call
     */
    static BuiltinToolCall builtin(String text) {
        PythonSyntax syntax = new PythonSyntax(text, 0);
        String name = syntax.identifier(false);
        syntax.expect('.');
        if (!"call".equals(syntax.identifier(false))) {
            throw new MalformedCallException("expected '.call('", syntax.position());
        }
        syntax.expect('(');
        ObjectNode arguments = syntax.keywordArguments();
        if (!syntax.atEnd()) {
            throw new MalformedCallException("text after the builtin call", syntax.position());
        }
        return new BuiltinToolCall(name, arguments);
    }

    /**
     * Reads a text that must be exactly {@code [NAME(kwargs), ...]} with at least one call (spec §9.2 step 4.3).
     *
     * @throws MalformedCallException when it is not such a list
     */
    static List<ToolCall> list(String text) {
        PythonSyntax syntax = new PythonSyntax(text, 0);
        syntax.expect('[');
        List<ToolCall> calls = new ArrayList<>();
        while (!syntax.tryConsume(']')) {
            String name = syntax.identifier(true);
            syntax.expect('(');
            calls.add(new CustomToolCall(name, syntax.keywordArguments(), ToolCallFormat.PYTHON_LIST));
            if (!syntax.tryConsume(',')) {
                syntax.expect(']');
                break;
            }
        }
        if (calls.isEmpty()) {
            throw new MalformedCallException("empty call list");
        }
        if (!syntax.atEnd()) {
            throw new MalformedCallException("text after the call list", syntax.position());
        }
        return calls;
    }
}
