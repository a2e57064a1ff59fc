package io.lariat.agent.chat;

import io.lariat.agent.backend.ModelBackend;

import java.util.Objects;

/**
 * A model the server answers for: the name clients use, the backend that generates, what listings show, and the
 * stored model's own system prompt and parameters. Two store names of one weights file are two served models sharing
 * one backend: each keeps its name and profile.
 *
 * @param name    the name as the CLI names it: {@code name:tag}, or a GGUF file's name without {@code .gguf}
 * @param backend where turns are generated; owned by the registry once registered, possibly shared by several names
 * @param details what the listing endpoints show
 * @param profile the stored model's {@code SYSTEM} and {@code PARAMETER}s, {@link ModelProfile#NONE} for none
 */
public record ServedModel(String name, ModelBackend backend, ModelDetails details, ModelProfile profile) {

    /** Checks the components. */
    public ServedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(profile, "profile");
    }

    /** A model without a profile of its own (a GGUF file, a remote API, a test backend). */
    public ServedModel(String name, ModelBackend backend, ModelDetails details) {
        this(name, backend, details, ModelProfile.NONE);
    }
}
