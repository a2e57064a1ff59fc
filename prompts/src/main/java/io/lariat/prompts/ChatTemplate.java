package io.lariat.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import io.lariat.engine.gguf.GgufFile;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELResolver;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.render.JsonNodes;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's own chat template ({@code tokenizer.chat_template} in the GGUF) rendered with Jinjava the way HF
 * {@code apply_chat_template} renders it: {@code trim_blocks} and {@code lstrip_blocks} on, {@code bos_token} and
 * {@code eos_token} set, the helpers of {@link TemplateExtensions}, Python string methods, and Jinja's precedence of
 * {@code not} (see {@link JinjaPrecedence}).
 *
 * <p>Input is what {@code apply_chat_template} takes: {@code {"messages": [...], "tools": [...] or null,
 * "template_vars": {...}, "add_generation_prompt": true}}. Output is the prompt text exactly, special tokens literal,
 * nothing added. {@link #renderIds} tokenizes it as HF does (text between special tokens in one pass) while keeping
 * special-token names that appear inside message content as ordinary text. Immutable and thread-safe.
 */
public final class ChatTemplate {

    /** The GGUF metadata key of the template. */
    public static final String METADATA_KEY = "tokenizer.chat_template";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Jinja semantics where Jinjava defaults differ: {@code {{-}} trims, for loops over a dict give its keys. */
    private static final LegacyOverrides PYTHON_SEMANTICS = LegacyOverrides.newBuilder()
            .withUseTrimmingForNotesAndExpressions(true)
            .withParseWhitespaceControlStrictly(true).withIterateOverMapKeys(true).withKeepNullableLoopValues(true)
            .build();

    /** One engine for all templates: its extensions are stateless and each render gets its own interpreter. */
    private static final Jinjava JINJAVA = engine();

    private final String source;
    private final String parsedSource;
    private final String bosToken;
    private final String eosToken;
    private final Clock clock;

    /**
     * @param source   the Jinja source
     * @param bosToken the text of {@code bos_token}, e.g. {@code <|begin_of_text|>}
     * @param eosToken the text of {@code eos_token}
     * @param clock    the clock of {@code strftime_now}
     */
    public ChatTemplate(String source, String bosToken, String eosToken, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.parsedSource = JinjaPrecedence.parenthesizeNot(source);
        this.bosToken = Objects.requireNonNull(bosToken, "bosToken");
        this.eosToken = Objects.requireNonNull(eosToken, "eosToken");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The template of a GGUF file, with its BOS and EOS token texts, on the system clock.
     *
     * @throws PromptException when the file has no chat template
     */
    public static ChatTemplate fromGguf(GgufFile file) {
        String template = file.metadata().findString(METADATA_KEY)
                .orElseThrow(() -> new PromptException(file.path() + " has no " + METADATA_KEY));
        List<String> tokens = file.metadata().strings("tokenizer.ggml.tokens");
        int bos = (int) file.metadata().integer("tokenizer.ggml.bos_token_id");
        int eos = (int) file.metadata().integer("tokenizer.ggml.eos_token_id");
        return new ChatTemplate(template, tokens.get(bos), tokens.get(eos), Clock.systemDefaultZone());
    }

    /** The same template on another clock (for tests and reproducible prompts). */
    public ChatTemplate withClock(Clock other) {
        return new ChatTemplate(source, bosToken, eosToken, other);
    }

    /** The Jinja source. */
    public String source() {
        return source;
    }

    /**
     * Renders a conversation given as {@code apply_chat_template}'s arguments.
     *
     * @throws PromptException when the template raises or cannot be rendered
     */
    public String render(JsonNode conversation) {
        Map<String, Object> context = new HashMap<>();
        JsonNode vars = conversation.path("template_vars");
        vars.properties().forEach(e -> context.put(e.getKey(), JsonNodes.toPlain(e.getValue())));
        context.put("messages", JsonNodes.toPlain(conversation.path("messages")));
        if (conversation.has("tools") && !conversation.get("tools").isNull()) {
            context.put("tools", JsonNodes.toPlain(conversation.get("tools")));
        }
        context.put("add_generation_prompt", conversation.path("add_generation_prompt").asBoolean(false));
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        context.put(TemplateExtensions.CLOCK_VARIABLE, clock);
        return renderContext(context);
    }

    /** Renders messages from the message model; {@code tools} may be empty, {@code templateVars} are passed as-is. */
    public String render(List<Message> messages, List<ToolSpec> tools, Map<String, ?> templateVars,
                         boolean addGenerationPrompt) {
        ObjectNode conversation = JsonNodeFactory.instance.objectNode();
        conversation.set("messages", OpenAiMessages.toJson(messages));
        if (!tools.isEmpty()) {
            ArrayNode toolArray = conversation.putArray("tools");
            tools.forEach(tool -> toolArray.add(tool.toOpenAiJson()));
        }
        conversation.set("template_vars", JSON.valueToTree(templateVars));
        conversation.put("add_generation_prompt", addGenerationPrompt);
        return render(conversation);
    }

    /**
     * Renders and tokenizes: the text between special tokens in one pass, as HF tokenizes a rendered template; a
     * special-token name that comes from message content stays ordinary text.
     */
    public int[] renderIds(JsonNode conversation, Tokenizer tokenizer) {
        return TemplateTokenization.renderIds(this, conversation, tokenizer);
    }

    private static Jinjava engine() {
        Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withFailOnUnknownTokens(false).withLegacyOverrides(PYTHON_SEMANTICS)
                .withElResolver(resolver()).build());
        jinjava.getGlobalContext().registerFunction(TemplateExtensions.raiseException());
        jinjava.getGlobalContext().registerFunction(TemplateExtensions.strftimeNow());
        jinjava.getGlobalContext().registerFilter(TemplateExtensions.toJson());
        jinjava.getGlobalContext().registerFilter(TemplateExtensions.items());
        jinjava.getGlobalContext().registerExpTest(TemplateExtensions.iterable());
        return jinjava;
    }

    /** Python's string methods first, then Jinjava's own resolution of properties and methods. */
    private static ELResolver resolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        return resolver;
    }

    private String renderContext(Map<String, Object> context) {
        RenderResult result;
        try {
            result = JINJAVA.renderForResult(parsedSource, context);
        } catch (PromptException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                if (error.getException() != null && unwrap(error.getException()) instanceof PromptException raised
                        && raised.problem().startsWith(TemplateExtensions.RAISED)) {
                    throw raised;
                }
                throw new PromptException("chat template error at line " + error.getLineno() + ": "
                        + error.getMessage(), error.getException());
            }
        }
        return result.getOutput();
    }

    private static PromptException unwrap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PromptException prompt) {
                return prompt;
            }
        }
        return new PromptException("chat template failed: " + e.getMessage(), e);
    }
}
