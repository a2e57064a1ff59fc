package io.lariat.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The tool side of one agent session: holds per-session tool state and closes it when the session ends.
 *
 * <p>A tool method receives it by declaring a parameter of this type. Thread-safe. After {@link #close()}, asking
 * for state throws {@link IllegalStateException}; the registry turns that into an error result.
 */
public final class ToolContext implements AutoCloseable {

    private final String sessionId;
    private final Map<Class<?>, ToolSessionState> states = new LinkedHashMap<>();
    private boolean closed;

    /** Creates the context of the session with the given id. */
    public ToolContext(String sessionId) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    }

    /** A context for a single call outside any session (CLI, tests); close it after the call. */
    public static ToolContext standalone() {
        return new ToolContext("standalone");
    }

    /** The id of the owning session. */
    public String sessionId() {
        return sessionId;
    }

    /**
     * The session's state of the given type, created with {@code factory} on first use.
     *
     * @throws IllegalStateException if the context is closed
     */
    public synchronized <S extends ToolSessionState> S state(Class<S> type, Supplier<? extends S> factory) {
        if (closed) {
            throw new IllegalStateException("tool session " + sessionId + " is closed");
        }
        ToolSessionState existing = states.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        S created = Objects.requireNonNull(factory.get(), "state factory returned null");
        states.put(type, created);
        return created;
    }

    /**
     * Closes every state in reverse creation order; later calls do nothing. Every state is closed even when one
     * throws; the first exception is rethrown afterwards with the others suppressed.
     */
    @Override
    public void close() {
        List<ToolSessionState> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(states.values());
            states.clear();
        }
        RuntimeException failure = null;
        for (ToolSessionState state : toClose.reversed()) {
            try {
                state.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
