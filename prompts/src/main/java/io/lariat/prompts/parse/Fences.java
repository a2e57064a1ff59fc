package io.lariat.prompts.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Unwraps a text that is exactly one markdown code fence (the lenient rule of spec §9.2). Stateless. */
final class Fences {

    private static final Pattern FENCE = Pattern.compile("```[\\w.+-]*[ \\t]*\\r?\\n(.*?)\\r?\\n?[ \\t]*```",
            Pattern.DOTALL);

    private Fences() {
    }

    /** The text inside the fence when the whole (trimmed) text is one fence, else null. */
    static String unwrap(String trimmed) {
        Matcher m = FENCE.matcher(trimmed);
        if (!m.matches() || m.group(1).contains("```")) {
            return null;
        }
        return m.group(1);
    }
}
