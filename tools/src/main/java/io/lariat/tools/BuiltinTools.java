package io.lariat.tools;

import java.util.Set;

/**
 * The names of Llama 3.1's three built-in tools, which the model was trained to call (spec §4).
 *
 * <p>Objects implementing them are registered with {@link ToolRegistry.Builder#builtin(Object)}; their definitions
 * carry {@code builtin = true}.
 */
public final class BuiltinTools {

    /** Web search; backed by a local Lucene index or the Brave Search API. */
    public static final String SEARCH = "brave_search";

    /** Exact calculator; backed by a local evaluator or the Wolfram Alpha API. */
    public static final String CALCULATOR = "wolfram_alpha";

    /** Python code interpreter (GraalPy sandbox), called with argument {@code code}. */
    public static final String CODE_INTERPRETER = "code_interpreter";

    /** All built-in tool names. */
    public static final Set<String> NAMES = Set.of(SEARCH, CALCULATOR, CODE_INTERPRETER);

    private BuiltinTools() {
    }
}
