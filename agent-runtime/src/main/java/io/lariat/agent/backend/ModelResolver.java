package io.lariat.agent.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the GGUF file of a model name such as {@code llama3.1:8b}: the hook a local model store plugs into
 * {@link ModelRegistry}. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ModelResolver {

    /** The GGUF file the reference names, if this resolver knows it. */
    Optional<Path> resolve(String reference);

    /**
     * Where this resolver looked for a reference it does not know, one phrase per place (such as the manifest file
     * a model store would hold), for the error that lists every location looked.
     */
    default List<String> searched(String reference) {
        return List.of("no model store knows the name");
    }
}
