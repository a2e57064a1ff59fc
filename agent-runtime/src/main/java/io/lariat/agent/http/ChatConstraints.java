package io.lariat.agent.http;

import io.lariat.agent.UnsupportedFeatureException;
import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.engine.GenerationRequest;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.grammar.JsonSchemaGrammar;
import io.lariat.prompts.grammar.ToolCallConstraint;
import io.lariat.prompts.grammar.ToolCallGrammar;
import io.lariat.tools.BuiltinTools;

import java.util.List;

/**
 * The token constraint of one chat request on the embedded engine.
 *
 * <ul>
 *   <li>{@code tool_choice} required or a named function: the prompt forces the opening of a call, and the rest of
 *       the call must name an allowed tool with arguments matching its schema (raw code for code_interpreter stays
 *       free);</li>
 *   <li>a format ({@code format}, {@code response_format}): the answer must match it; with tools offered (auto), a
 *       JSON call to a declared custom tool is allowed instead;</li>
 *   <li>tools offered (auto), no format: text is free, and any call the model starts names a declared tool;</li>
 *   <li>otherwise none.</li>
 * </ul>
 * A remote backend cannot constrain tokens: a format there is refused with 501 (the option is not passed on);
 * tool choices there keep only the forced opening.
 */
final class ChatConstraints {
    private static final int[] STOPS = GenerationRequest.DEFAULT_STOPS;

    private ChatConstraints() {
    }

    /**
     * The constraint, or null for none.
     *
     * @throws UnsupportedFeatureException when a format is asked of a backend that cannot constrain
     */
    static TokenConstraint of(ChatRequest request, ChatPrompt prompt, ModelBackend backend) {
        if (!(backend instanceof EmbeddedBackend)) {
            if (request.format() != null) {
                throw new UnsupportedFeatureException("structured output (format / response_format)",
                        "model '" + backend.name() + "' is served by a remote API and Lariat does not pass the "
                                + "option on; use an embedded model");
            }
            return null;
        }
        Tokenizer tokenizer = backend.tokenizer();
        List<String> builtins = prompt.tools().stream().map(ToolSpec::name).filter(BuiltinTools.NAMES::contains)
                .toList();
        List<ToolSpec> custom = prompt.tools().stream().filter(t -> !BuiltinTools.NAMES.contains(t.name())).toList();
        return switch (request.toolChoice()) {
            case ToolChoice.Required r -> forced(prompt.forcedText(), builtins, custom, tokenizer);
            case ToolChoice.Function f -> forced(prompt.forcedText(), only(builtins, f.name()),
                    custom.stream().filter(t -> t.name().equals(f.name())).toList(), tokenizer);
            case ToolChoice.Auto a -> offered(request.format(), builtins, custom, tokenizer);
            case ToolChoice.None n -> request.format() == null ? null : request.format().constraint(tokenizer, STOPS);
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
