package io.lariat.prompts;

import io.lariat.json.PythonJson;
import io.lariat.prompts.render.Segment;
import io.lariat.prompts.render.Segments;

import java.util.List;

/** Renders single messages and the first user message that carries tool definitions. Stateless. */
final class MessageRendering {

    private MessageRendering() {
    }

    /**
     * Writes the tool definitions that go before or into the first message after the system block, and returns the
     * messages still to render.
     */
    static List<Message> firstUserMessage(Segments out, List<Message> rest, ChatFormat.Options options) {
        if (options.tools().isEmpty()) {
            return rest;
        }
        if (options.style() == CustomToolStyle.FUNCTION_TAG) {
            out.header("user").text(ToolDefinitions.functionTagMessage(options.tools())).special(Segments.EOT);
            return rest;
        }
        if (options.style() != CustomToolStyle.JSON || options.placement() != ToolPlacement.FIRST_USER_MESSAGE) {
            return rest;
        }
        if (rest.isEmpty()) {
            throw new PromptException(
                    "Cannot put tools in the first user message when there's no first user message!");
        }
        out.header("user").text(ToolDefinitions.jsonUserPrefix(options.tools()) + textOf(rest.getFirst()).strip())
                .special(Segments.EOT);
        return rest.subList(1, rest.size());
    }

    /** The text a message carries, as the HF template reads {@code message['content']}. */
    private static String textOf(Message message) {
        return switch (message) {
            case SystemMessage system -> system.content();
            case UserMessage user -> user.content();
            case AssistantMessage assistant -> assistant.content() == null ? "" : assistant.content();
            case ToolResultMessage result -> result.content();
        };
    }

    /** One message: header, content, terminator. */
    static List<Segment> message(Message message, ChatFormat.Options options) {
        Segments out = new Segments().header(message.headerRole());
        boolean plain = options.layout() == PromptLayout.PLAIN;
        switch (message) {
            case SystemMessage system -> out.text(plain ? system.content() : system.content().strip())
                    .special(Segments.EOT);
            case UserMessage user -> out.text(plain ? user.content() : user.content().strip()).special(Segments.EOT);
            case ToolResultMessage result -> out.text(options.layout() == PromptLayout.HUGGING_FACE
                    && !result.structured() ? quoted(result.content()) : result.content()).special(Segments.EOT);
            case AssistantMessage assistant -> assistant(out, assistant, options);
        }
        return out.build();
    }

    /** The HF template passes a string result through {@code tojson}, so it arrives quoted (spec §5.2). */
    private static String quoted(String content) {
        StringBuilder out = new StringBuilder();
        PythonJson.string(out, content);
        return out.toString();
    }

    private static void assistant(Segments out, AssistantMessage message, ChatFormat.Options options) {
        Segments body = new Segments();
        boolean hf = options.layout() == PromptLayout.HUGGING_FACE;
        if (options.layout() == PromptLayout.PLAIN) {
            CallRendering.plain(body, message, options);
        } else if (message.toolCalls().isEmpty()) {
            body.text(message.content() == null ? "" : message.content().strip());
        } else if (hf) {
            // spec §8.5: the template drops the text of a turn with calls
            CallRendering.huggingFace(body, message.toolCalls(), options);
        } else {
            body.text(message.content() == null ? "" : message.content().strip());
            CallRendering.reference(body, message.toolCalls(), options);
        }
        if (message.sampledIds() != null) {
            out.sampled(message.sampledIds(), body.build());
        } else {
            out.all(body.build());
        }
        out.special(terminator(message, options));
    }

    /**
     * Raw replay and layouts R/plain keep the stored end; the HF template ends a call with eom exactly when builtin
     * tools are enabled, and a plain answer with eot (spec §8.5).
     */
    private static Segment.Special terminator(AssistantMessage message, ChatFormat.Options options) {
        if (options.layout() == PromptLayout.HUGGING_FACE && message.sampledIds() == null) {
            return !message.toolCalls().isEmpty() && !options.builtinTools().isEmpty() ? Segments.EOM : Segments.EOT;
        }
        return message.end() == AssistantMessage.End.EOM ? Segments.EOM : Segments.EOT;
    }
}
