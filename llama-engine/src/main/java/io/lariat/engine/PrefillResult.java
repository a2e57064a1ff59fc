package io.lariat.engine;

import java.time.Duration;

/**
 * The outcome of {@link EngineSession#prefill}.
 *
 * @param reused    leading ids whose cached keys and values were kept
 * @param evaluated ids evaluated now
 * @param duration  time spent evaluating
 */
public record PrefillResult(int reused, int evaluated, Duration duration) {
}
