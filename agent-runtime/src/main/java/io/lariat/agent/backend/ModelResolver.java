package io.lariat.agent.backend;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the GGUF file of a model name such as {@code llama3.1:8b}: the hook a local model store plugs into
 * {@link ModelRegistry}. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ModelResolver {

    /** The GGUF file the reference names, if this resolver knows it. */
    Optional<Path> resolve(String reference);
}
