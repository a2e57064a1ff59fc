package io.lariat.engine;

/** Why a generation ended. */
public sealed interface StopReason {
    /** The length limit. */
    StopReason LENGTH = new Length();
    /** The sink cancelled. */
    StopReason CANCELLED = new Cancelled();
    /** The session's context is full. */
    StopReason CONTEXT_FULL = new ContextFull();

    /** A stop token was sampled: the sink heard it, but it is not part of the generated ids nor evaluated. */
    record StopToken(int tokenId) implements StopReason {
    }

    /** {@code maxTokens} ids were generated. */
    record Length() implements StopReason {
    }

    /** The {@link TokenSink} returned {@code false}. */
    record Cancelled() implements StopReason {
    }

    /** The next token would not fit into the session's KV cache. */
    record ContextFull() implements StopReason {
    }
}
