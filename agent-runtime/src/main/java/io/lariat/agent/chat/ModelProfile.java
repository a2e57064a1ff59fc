package io.lariat.agent.chat;

import io.lariat.agent.store.Manifest;
import io.lariat.agent.store.Modelfile;
import io.lariat.agent.store.StoredModel;
import io.lariat.prompts.Message;
import io.lariat.prompts.SystemMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * What a stored model's own layers say about chatting with it, as Ollama applies them: its Modelfile {@code SYSTEM}
 * is the system prompt of a conversation that has none, and its {@code PARAMETER}s are the option defaults that a
 * request's own options override. A {@code TEMPLATE} is kept and shown but never rendered: Lariat renders Llama
 * 3.1's chat format itself, because tool calls are read from its special tokens. Immutable.
 *
 * @param name       the store name the profile belongs to, for messages ({@code made:latest})
 * @param system     the system prompt, or null for none
 * @param parameters the parameters in the Modelfile's order, {@code stop} once per value
 */
public record ModelProfile(String name, String system, List<Modelfile.Parameter> parameters) {
    /** No system prompt and no parameters: a model served from a file or a remote API. */
    public static final ModelProfile NONE = new ModelProfile("", null, List.of());

    /** Copies the parameters. */
    public ModelProfile {
        parameters = List.copyOf(parameters);
    }

    /** The profile of a stored model: its system layer and parameters layer. */
    public static ModelProfile of(StoredModel model) {
        return new ModelProfile(model.name().display(), model.text(Manifest.SYSTEM_MEDIA_TYPE).orElse(null),
                model.parameters());
    }

    /** {@code messages} with the model's system prompt first when they have no system message (Ollama's rule). */
    public List<Message> withSystem(List<Message> messages) {
        if (system == null || system.isEmpty() || messages.stream().anyMatch(m -> m instanceof SystemMessage)) {
            return messages;
        }
        List<Message> out = new ArrayList<>(messages.size() + 1);
        out.add(new SystemMessage(system));
        out.addAll(messages);
        return out;
    }
}
