package io.lariat.engine;

/**
 * Receives the engine's notices, so that applications can show them; the engine itself never prints. Called on
 * the thread that triggers the notice; implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface EngineListener {
    /** A listener that ignores every notice. */
    EngineListener IGNORE = (contextSize, bytes) -> { };

    /** A session of {@code contextSize} tokens is starting; its KV cache blocks can take up to {@code bytes}. */
    void kvCacheAllocating(int contextSize, long bytes);

    /** A prefix cache file was ignored: it is damaged, or was written for another model or precision. */
    default void prefixFileIgnored(java.nio.file.Path file, String problem) {
    }
}
