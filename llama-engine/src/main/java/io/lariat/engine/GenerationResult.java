package io.lariat.engine;

/**
 * The outcome of {@link EngineSession#generate}.
 *
 * @param generatedIds the sampled ids, excluding a final stop token
 * @param stopReason   why generation ended
 * @param stats        counts and durations
 */
public record GenerationResult(int[] generatedIds, StopReason stopReason, GenerationStats stats) {
    /** Copies the ids. */
    public GenerationResult {
        generatedIds = generatedIds.clone();
    }

    /** A copy of the sampled ids. */
    @Override
    public int[] generatedIds() {
        return generatedIds.clone();
    }
}
