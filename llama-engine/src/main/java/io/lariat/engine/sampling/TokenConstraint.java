package io.lariat.engine.sampling;

/**
 * A restriction on which token ids a generation may produce, such as "the output must be JSON matching this schema".
 *
 * <p>A constraint is an immutable, thread-safe description, shareable between generations; each generation asks it
 * for a fresh {@link Matcher} that tracks how far the output has come. The {@link Sampler} applies a matcher at its
 * single sample call: disallowed ids get a logit of negative infinity, then the penalty, top-k, top-p, min-p and
 * temperature work on the allowed ids only, and the sampled id is accepted into the matcher. With greedy sampling
 * the result is the highest-scoring allowed id.
 */
public interface TokenConstraint {

    /** A fresh matcher positioned at the start of the output. */
    Matcher start();

    /**
     * Does this constraint's one-off work now, on the calling thread: indexing the vocabulary, the masks of the
     * start. A server calls it on the request's thread before the turn is admitted, so that {@link #start()} and the
     * first masks, run on the thread that decodes every session, never stall the other sessions. Optional
     * ({@link #start()} does whatever was not prepared), idempotent and thread-safe; the default does nothing.
     */
    default void prepare() {
    }

    /**
     * The state of one constrained generation. Not thread-safe: confined to the generation that created it.
     */
    interface Matcher {

        /**
         * Sets {@code logits[id]} to {@link Float#NEGATIVE_INFINITY} for every id that cannot come next. At least
         * one id always stays allowed: when the output is complete, the stop ids the constraint was built with.
         *
         * @param logits one logit per vocabulary id; modified in place
         */
        void mask(float[] logits);

        /**
         * Advances past {@code id}, which must have been allowed by the last {@link #mask}.
         *
         * @throws IllegalStateException when {@code id} was not allowed
         */
        void accept(int id);
    }
}
