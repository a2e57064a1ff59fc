package io.lariat.cli;

import io.lariat.agent.backend.ForwardingBackend;
import io.lariat.agent.backend.ModelBackend;

/**
 * A backend as agents see it when they must not constrain their tool calls ({@code eval-demo
 * --no-constrained-calls}): the same model, reporting that it cannot constrain tokens, so agents built on it run
 * the model alone. Closing it closes the wrapped backend.
 *
 * @param delegate the backend that generates
 */
record UnconstrainedBackend(ModelBackend delegate) implements ForwardingBackend {
    @Override
    public boolean constrainsTokens() {
        return false;
    }
}
