package io.lariat.agent.http.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.agent.chat.ChatEvent;
import io.lariat.agent.http.ApiError;
import io.lariat.agent.http.openai.ResponseObject.FunctionCallItem;
import io.lariat.agent.http.openai.ResponseObject.MessageItem;
import io.lariat.agent.http.openai.ResponseObject.OutputItem;
import io.lariat.agent.http.openai.ResponseObject.OutputText;
import io.smallrye.mutiny.Multi;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Renders one generation's {@link ChatEvent}s as the Responses API's server-sent events, each {@code event: <type>}
 * with a {@code data} object holding the same {@code type} and a {@code sequence_number} counting from 0.
 *
 * <p>Order: {@code response.created} and {@code response.in_progress} with the first event (the turn's admission);
 * for text, the message item's {@code output_item.added} and {@code content_part.added} before the first
 * {@code output_text.delta}; at the end the text's {@code done} events, then per call {@code output_item.added},
 * {@code function_call_arguments.delta} and {@code .done}, {@code output_item.done}, and last
 * {@code response.completed} (or {@code response.incomplete} at the token limit) with the whole response. A failure
 * after the first event ends the stream with an {@code error} event. One instance per response.
 */
public final class ResponsesStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResponseObject started;
    private final Function<ChatEvent.ChatCompleted, ResponseObject> finish;
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicBoolean first = new AtomicBoolean(true);
    private final AtomicBoolean messageOpen = new AtomicBoolean();

    /**
     * @param started the response as it starts ({@link ResponsesMapping#started})
     * @param finish  the finished response of the generation's end (and whatever keeping it needs)
     */
    public ResponsesStream(ResponseObject started, Function<ChatEvent.ChatCompleted, ResponseObject> finish) {
        this.started = started;
        this.finish = finish;
    }

    /** The SSE frames of the response; one item per event holding all its frames. */
    public Multi<String> frames(Multi<ChatEvent> events) {
        return events.onItem().transform(event -> {
            StringBuilder out = new StringBuilder();
            if (first.getAndSet(false)) {
                out.append(frame("response.created", o -> o.set("response", JSON.valueToTree(started))));
                out.append(frame("response.in_progress", o -> o.set("response", JSON.valueToTree(started))));
            }
            switch (event) {
                case ChatEvent.ContentDelta delta -> {
                    openMessage(out);
                    out.append(frame("response.output_text.delta", o -> textPosition(o).put("delta", delta.text())
                            .putArray("logprobs")));
                }
                case ChatEvent.ChatCompleted done -> end(out, done);
            }
            return out.toString();
        });
    }

    /** The frame reporting a failure after the stream began. */
    public String errorFrame(ApiError error) {
        return frame("error", o -> o.put("code", error.code()).put("message", error.message())
                .put("param", error.param()));
    }

    private void end(StringBuilder out, ChatEvent.ChatCompleted done) {
        ResponseObject finished = finish.apply(done);
        int index = 0;
        for (OutputItem item : finished.output()) {
            int at = index++;
            switch (item) {
                case MessageItem message -> {
                    openMessage(out);
                    String text = message.content().isEmpty() ? "" : message.content().getFirst().text();
                    out.append(frame("response.output_text.done", o -> textPosition(o).put("text", text)
                            .putArray("logprobs")));
                    out.append(frame("response.content_part.done", o -> textPosition(o)
                            .set("part", JSON.valueToTree(OutputText.of(text)))));
                    out.append(frame("response.output_item.done", o -> o.put("output_index", at)
                            .set("item", JSON.valueToTree(message))));
                }
                case FunctionCallItem call -> {
                    FunctionCallItem opened = FunctionCallItem.of(call.id(), call.callId(), call.name(), "",
                            "in_progress");
                    out.append(frame("response.output_item.added", o -> o.put("output_index", at)
                            .set("item", JSON.valueToTree(opened))));
                    out.append(frame("response.function_call_arguments.delta", o -> o.put("item_id", call.id())
                            .put("output_index", at).put("delta", call.arguments())));
                    out.append(frame("response.function_call_arguments.done", o -> o.put("item_id", call.id())
                            .put("output_index", at).put("name", call.name()).put("arguments", call.arguments())));
                    out.append(frame("response.output_item.done", o -> o.put("output_index", at)
                            .set("item", JSON.valueToTree(call))));
                }
            }
        }
        String type = finished.status().equals("incomplete") ? "response.incomplete" : "response.completed";
        out.append(frame(type, o -> o.set("response", JSON.valueToTree(finished))));
    }

    /** The message item's opening events, once, before its first text. */
    private void openMessage(StringBuilder out) {
        if (messageOpen.getAndSet(true)) {
            return;
        }
        MessageItem opened = new MessageItem("message", ResponsesMapping.messageId(started.id()), "in_progress",
                "assistant", List.of());
        out.append(frame("response.output_item.added", o -> o.put("output_index", 0)
                .set("item", JSON.valueToTree(opened))));
        out.append(frame("response.content_part.added", o -> textPosition(o)
                .set("part", JSON.valueToTree(OutputText.of("")))));
    }

    /** The message's text part: output 0, content part 0. */
    private ObjectNode textPosition(ObjectNode o) {
        return o.put("item_id", ResponsesMapping.messageId(started.id())).put("output_index", 0)
                .put("content_index", 0);
    }

    private String frame(String type, Consumer<ObjectNode> fields) {
        ObjectNode data = JSON.createObjectNode().put("type", type).put("sequence_number", sequence.getAndIncrement());
        fields.accept(data);
        return "event: " + type + "\ndata: " + data + "\n\n";
    }
}
