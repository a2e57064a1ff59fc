package io.lariat.agent.chat;

import io.lariat.agent.backend.ModelBackend;

import java.util.Objects;

/**
 * A model the server answers for: the name clients use, the backend that generates, and what listings show.
 *
 * @param name    the name as the CLI names it: {@code name:tag}, or a GGUF file's name without {@code .gguf}
 * @param backend where turns are generated; owned by the registry once registered
 * @param details what the listing endpoints show
 */
public record ServedModel(String name, ModelBackend backend, ModelDetails details) {

    /** Checks the components. */
    public ServedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(details, "details");
    }
}
