package io.lariat.agent.chat;

import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.UnsupportedFeatureException;
import io.lariat.engine.GenerationRequest;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.grammar.JsonSchemaGrammar;
import io.lariat.prompts.grammar.ToolCallConstraint;
import io.lariat.prompts.grammar.ToolCallGrammar;
import io.lariat.tools.BuiltinTools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token constraint of one chat request on a backend that constrains tokens (the embedded engine).
 *
 * <ul>
 *   <li>{@code tool_choice} required or a named function: the prompt forces the opening of a call, and the rest of
 *       the call must name an allowed tool with arguments matching its schema (the body of a code_interpreter call
 *       is raw Python and stays free);</li>
 *   <li>a format ({@code format}, {@code response_format}): the answer must match it; with tools offered (auto), a
 *       JSON call to a declared custom tool is allowed instead;</li>
 *   <li>tools offered (auto), no format: text is free, and any call the model starts names a declared tool;</li>
 *   <li>otherwise none.</li>
 * </ul>
 * A backend that cannot constrain tokens (a remote API) refuses a format with a 501; tool choices there keep only the
 * forced call opening of the prompt, and the chat service still answers undeclared calls as text.
 *
 * <p>Constraints are kept in a small LRU map keyed by what they are built from, so a client that repeats its tools
 * or schema (every turn of a tool loop) reuses the token masks computed for it. Thread-safe.
 */
final class ChatConstraints {
    private static final int[] STOPS = GenerationRequest.DEFAULT_STOPS;
    private static final int CACHE_LIMIT = 64;
    private static final Map<Key, TokenConstraint> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, TokenConstraint> eldest) {
            return size() > CACHE_LIMIT;
        }
    };

    /** What a constraint is built from; the format is compared by identity (the compiled grammars are cached). */
    private record Key(Tokenizer tokenizer, ToolChoice choice, String forcedText, List<ToolSpec> tools,
                       JsonSchemaGrammar format) {
    }

    private ChatConstraints() {
    }

    /**
     * The constraint, or null for none.
     *
     * @throws UnsupportedFeatureException when a format is asked of a backend that cannot constrain tokens
     */
    static TokenConstraint of(ChatRequest request, ChatPrompt prompt, ModelBackend backend) {
        if (!backend.constrainsTokens()) {
            refuseFormat(request, backend);
            return null;
        }
        Key key = new Key(backend.tokenizer(), request.toolChoice(), prompt.forcedText(), prompt.tools(),
                request.format() == null ? null : request.format().grammar());
        synchronized (CACHE) {
            TokenConstraint cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        TokenConstraint made = build(key);
        if (made != null) {
            synchronized (CACHE) {
                CACHE.put(key, made);
            }
        }
        return made;
    }

    private static void refuseFormat(ChatRequest request, ModelBackend backend) {
        if (request.format() != null) {
            throw new UnsupportedFeatureException(request.format().field(), "structured output with model '"
                    + backend.name() + "', whose tokens Lariat cannot constrain (only its embedded engine does)");
        }
    }

    private static TokenConstraint build(Key key) {
        List<String> builtins = key.tools().stream().map(ToolSpec::name).filter(BuiltinTools.NAMES::contains)
                .toList();
        List<ToolSpec> custom = key.tools().stream().filter(t -> !BuiltinTools.NAMES.contains(t.name())).toList();
        return switch (key.choice()) {
            case ToolChoice.Required r -> forced(key.forcedText(), builtins, custom, key.tokenizer());
            case ToolChoice.Function f -> forced(key.forcedText(), only(builtins, f.name()),
                    custom.stream().filter(t -> t.name().equals(f.name())).toList(), key.tokenizer());
            case ToolChoice.Auto a -> offered(key.format(), builtins, custom, key.tokenizer());
            case ToolChoice.None n -> key.format() == null ? null : key.format().constraint(key.tokenizer(), STOPS);
        };
    }

    private static TokenConstraint offered(JsonSchemaGrammar format, List<String> builtins, List<ToolSpec> custom,
                                           Tokenizer tokenizer) {
        if (format != null) {
            JsonSchemaGrammar answer = custom.isEmpty() ? format
                    : JsonSchemaGrammar.either(format, ToolCallGrammar.jsonCalls(custom));
            return answer.constraint(tokenizer, STOPS);
        }
        return builtins.isEmpty() && custom.isEmpty() ? null
                : ToolCallConstraint.of(tokenizer, builtins, custom, STOPS);
    }

    private static TokenConstraint forced(String forcedText, List<String> builtins, List<ToolSpec> custom,
                                          Tokenizer tokenizer) {
        if (forcedText.startsWith(SpecialTokens.PYTHON_TAG_NAME)) {
            if (builtins.contains(ToolCallGrammar.CODE_INTERPRETER)) {
                return null;
            }
            return ToolCallGrammar.taggedCalls(builtins, List.of())
                    .constraintAfter(forcedText.substring(SpecialTokens.PYTHON_TAG_NAME.length()), tokenizer, STOPS);
        }
        return ToolCallGrammar.jsonCalls(custom).constraintAfter(forcedText, tokenizer, STOPS);
    }

    private static List<String> only(List<String> builtins, String name) {
        return builtins.contains(name) ? List.of(name) : List.of();
    }
}
