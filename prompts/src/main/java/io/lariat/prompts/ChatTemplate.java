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
import com.hubspot.jinjava.el.JinjavaNodePreProcessor;
import com.hubspot.jinjava.interpret.OutputTooBigException;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.json.JsonNodes;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELResolver;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** Longest a render may take; a real template renders a conversation in milliseconds. */
    public static final Duration RENDER_TIMEOUT = Duration.ofSeconds(5);

    /** Most characters a render may produce, and the longest string it may build: far beyond any context window. */
    public static final int MAX_OUTPUT_CHARS = 4 * 1024 * 1024;

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
        // A hostile template is bounded: output and string size by Jinjava, time by interrupting the render thread,
        // which the node pre-processor checks before every node.
        Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withFailOnUnknownTokens(false).withLegacyOverrides(PYTHON_SEMANTICS)
                .withMaxOutputSize(MAX_OUTPUT_CHARS).withMaxStringLength(MAX_OUTPUT_CHARS)
                .withMaxListSize(MAX_OUTPUT_CHARS).withMaxMapSize(MAX_OUTPUT_CHARS)
                .withNodePreProcessor(new JinjavaNodePreProcessor())
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
        RenderResult result = renderBounded(context);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                if (error.getException() != null && unwrap(error.getException()) instanceof PromptException raised
                        && raised.problem().startsWith(TemplateExtensions.RAISED)) {
                    throw raised;
                }
                if (error.getException() instanceof OutputTooBigException) {
                    throw tooBig();
                }
                throw new PromptException("chat template error at line " + error.getLineno() + ": "
                        + error.getMessage(), error.getException());
            }
        }
        return result.getOutput();
    }

    // Renders on a daemon thread so a runaway template can be abandoned: interrupted, it stops at its next node.
    private RenderResult renderBounded(Map<String, Object> context) {
        FutureTask<RenderResult> render = new FutureTask<>(() -> JINJAVA.renderForResult(parsedSource, context));
        Thread thread = Thread.ofPlatform().name("lariat-chat-template").daemon().start(render);
        try {
            return render.get(RENDER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new PromptException("chat template did not finish rendering within " + RENDER_TIMEOUT.toSeconds()
                    + " s; a template that loops this long is not a chat template");
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new PromptException("interrupted while rendering the chat template", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutputTooBigException) {
                throw tooBig();
            }
            throw e.getCause() instanceof PromptException p ? p : unwrap(e.getCause());
        }
    }

    private static PromptException tooBig() {
        return new PromptException("chat template output exceeds " + MAX_OUTPUT_CHARS + " characters; a template"
                + " that writes this much is not a chat template");
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
