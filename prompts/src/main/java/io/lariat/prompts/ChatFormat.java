package io.lariat.prompts;

import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.render.Segment;
import io.lariat.prompts.render.Segments;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The native Llama 3.1 formatter: renders a conversation straight to token ids, special tokens only where the
 * format puts them and all content as ordinary text (spec §2), or to text with special tokens written literally.
 *
 * <p>A full render is {@code BOS + system block + messages + optional generation prompt}; the system block comes
 * from the configured builtin tools, custom tools and date plus the conversation's leading {@link SystemMessage}
 * (layout R or H), or is the system message as given ({@link PromptLayout#PLAIN}). For appending turns,
 * {@link #renderMessage} and {@link #generationPrompt} give the ids of one later message and of the assistant header,
 * so that {@code render(m1..mk, true)} + sampled ids + end token + {@code renderMessage(m(k+2))} ... equals a full
 * render of the longer conversation. An {@link AssistantMessage} with sampled ids renders as exactly those ids plus
 * its end token (spec §11 raw replay). Each text segment (role word, blank line, each content piece) is encoded on its
 * own (spec §2.1 project rule). Immutable and thread-safe when the tokenizer is.
 */
public final class ChatFormat {

    private static final String HF_DEFAULT_DATE = "26 Jul 2024";
    private static final DateTimeFormatter REFERENCE_DATE = DateTimeFormatter.ofPattern("dd MMMM yyyy", Locale.ENGLISH);

    /** The resolved configuration of a format; package-private helpers read it. */
    record Options(PromptLayout layout, List<String> builtinTools, List<ToolSpec> tools, CustomToolStyle style,
                   ToolPlacement placement, String dateText) {

        boolean customToolsInSystem() {
            return !tools.isEmpty() && style == CustomToolStyle.JSON && placement == ToolPlacement.SYSTEM_MESSAGE;
        }
    }

    private final Options options;
    private final Tokenizer tokenizer;

    private ChatFormat(Options options, Tokenizer tokenizer) {
        this.options = options;
        this.tokenizer = tokenizer;
    }

    /** A builder with the project defaults: layout R, no tools, JSON custom tools in the first user message. */
    public static Builder builder() {
        return new Builder();
    }

    /** The layout this format renders. */
    public PromptLayout layout() {
        return options.layout();
    }

    /**
     * The token ids of a whole conversation.
     *
     * @throws IllegalStateException when the format was built without a tokenizer
     * @throws PromptException       when tools belong in a first user message and there is none
     */
    public int[] render(List<Message> messages, boolean addGenerationPrompt) {
        return Segments.toIds(segments(messages, addGenerationPrompt), requireTokenizer());
    }

    /** The text of a whole conversation, special tokens literal; sampled ids are decoded when a tokenizer is set. */
    public String renderText(List<Message> messages, boolean addGenerationPrompt) {
        return Segments.toText(segments(messages, addGenerationPrompt), tokenizer);
    }

    /** The ids of one message that follows the start of the conversation (never the leading system message). */
    public int[] renderMessage(Message message) {
        return Segments.toIds(MessageRendering.message(message, options), requireTokenizer());
    }

    /** The text of one message that follows the start of the conversation. */
    public String renderMessageText(Message message) {
        return Segments.toText(MessageRendering.message(message, options), tokenizer);
    }

    /** The ids of the generation prompt {@code <|start_header_id|>assistant<|end_header_id|>\n\n}. */
    public int[] generationPrompt() {
        return Segments.toIds(new Segments().header("assistant").build(), requireTokenizer());
    }

    /** The segments of a whole conversation; the building block of both renderings. */
    public List<Segment> segments(List<Message> messages, boolean addGenerationPrompt) {
        Segments out = new Segments().special(Segments.BOS);
        List<Message> rest = messages;
        if (options.layout() != PromptLayout.PLAIN) {
            String systemText = !messages.isEmpty() && messages.getFirst() instanceof SystemMessage system
                    ? system.content() : null;
            rest = systemText == null ? messages : messages.subList(1, messages.size());
            out.header("system").text(options.layout() == PromptLayout.HUGGING_FACE
                    ? SystemBlock.huggingFace(options, systemText) : SystemBlock.reference(options, systemText))
                    .special(Segments.EOT);
            rest = MessageRendering.firstUserMessage(out, rest, options);
        }
        for (Message message : rest) {
            out.all(MessageRendering.message(message, options));
        }
        if (addGenerationPrompt) {
            out.header("assistant");
        }
        return out.build();
    }

    private Tokenizer requireTokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException("this ChatFormat was built without a tokenizer; it can only render text");
        }
        return tokenizer;
    }

    /** Builds a {@link ChatFormat}; not thread-safe. */
    public static final class Builder {
        private Tokenizer tokenizer;
        private PromptLayout layout = PromptLayout.REFERENCE;
        private List<String> builtinTools = List.of();
        private List<ToolSpec> tools = List.of();
        private CustomToolStyle style = CustomToolStyle.JSON;
        private ToolPlacement placement = ToolPlacement.FIRST_USER_MESSAGE;
        private LocalDate today;
        private String dateString;

        private Builder() {
        }

        /** The tokenizer for id rendering; without one only text rendering works. */
        public Builder tokenizer(Tokenizer tokenizer) {
            this.tokenizer = tokenizer;
            return this;
        }

        /** The layout; default {@link PromptLayout#REFERENCE}. */
        public Builder layout(PromptLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** Enabled builtin tools by name, in order ({@code brave_search}, {@code wolfram_alpha}, {@code code_interpreter}). */
        public Builder builtinTools(List<String> names) {
            this.builtinTools = List.copyOf(names);
            return this;
        }

        /** Custom tool definitions. */
        public Builder tools(List<ToolSpec> tools) {
            this.tools = List.copyOf(tools);
            return this;
        }

        /** How custom tools are called; default JSON. Layout H always uses JSON, as the official template does. */
        public Builder toolStyle(CustomToolStyle style) {
            this.style = Objects.requireNonNull(style, "style");
            return this;
        }

        /** Where JSON custom tool definitions go; default the first user message. */
        public Builder toolPlacement(ToolPlacement placement) {
            this.placement = Objects.requireNonNull(placement, "placement");
            return this;
        }

        /** The date of the {@code Today Date:} line, written {@code %d %B %Y} (spec §3.1); default today. */
        public Builder today(LocalDate today) {
            this.today = Objects.requireNonNull(today, "today");
            return this;
        }

        /** The {@code Today Date:} text verbatim (the HF template's {@code date_string}); overrides {@link #today}. */
        public Builder dateString(String dateString) {
            this.dateString = Objects.requireNonNull(dateString, "dateString");
            return this;
        }

        /** The format. */
        public ChatFormat build() {
            String dateText = dateString != null ? dateString
                    : layout == PromptLayout.HUGGING_FACE && today == null ? HF_DEFAULT_DATE
                    : REFERENCE_DATE.format(today == null ? LocalDate.now() : today);
            CustomToolStyle effectiveStyle = layout == PromptLayout.HUGGING_FACE ? CustomToolStyle.JSON : style;
            return new ChatFormat(new Options(layout, builtinTools, tools, effectiveStyle, placement, dateText),
                    tokenizer);
        }
    }
}
