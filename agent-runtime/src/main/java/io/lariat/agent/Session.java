package io.lariat.agent;

import io.lariat.agent.context.Transcript;
import io.lariat.prompts.Message;
import io.lariat.tools.ToolContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One conversation: its messages and token ids, its tool state (such as the Python context) and its model cache.
 *
 * <p>A session runs one agent turn at a time ({@link #tryBeginRun()}); the transcript may be touched only by the run
 * holding it. Closing releases the tool state and, through the hooks backends register, the KV cache; a closed
 * session cannot run again. Thread-safe.
 */
public final class Session implements AutoCloseable {
    private final String id;
    private final Transcript transcript = new Transcript();
    private final ToolContext toolContext;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<Object, Runnable> closeHooks = new LinkedHashMap<>();
    private volatile Instant lastUsed;
    private volatile boolean closed;

    /**
     * A new empty session.
     *
     * @param id  the session id; not blank
     * @param now the creation time, the start of its idle period
     */
    public Session(String id, Instant now) {
        if (Objects.requireNonNull(id, "id").isBlank()) {
            throw new IllegalArgumentException("session id must not be blank");
        }
        this.id = id;
        this.toolContext = new ToolContext(id);
        this.lastUsed = Objects.requireNonNull(now, "now");
    }

    /** A new empty session with a random id, created now. */
    public static Session create() {
        return new Session(UUID.randomUUID().toString(), Instant.now());
    }

    /** The session id. */
    public String id() {
        return id;
    }

    /** A snapshot of the conversation's messages (after the system prompt), oldest first. */
    public synchronized List<Message> messages() {
        return transcript.messages();
    }

    /** The conversation's size in tokens, system prompt included. */
    public synchronized int tokens() {
        return transcript.tokens();
    }

    /** When the session was last used; idle expiry counts from here. */
    public Instant lastUsed() {
        return lastUsed;
    }

    /** Records a use at the given time. */
    public void touch(Instant now) {
        lastUsed = now;
    }

    /** Whether a run is in progress. */
    public boolean running() {
        return running.get();
    }

    /** Whether the session was closed. */
    public boolean closed() {
        return closed;
    }

    /**
     * Claims the session for one run.
     *
     * @return false when another run holds it or the session is closed
     */
    public boolean tryBeginRun() {
        return !closed && running.compareAndSet(false, true);
    }

    /** Releases the claim of {@link #tryBeginRun()}. */
    public void endRun() {
        running.set(false);
    }

    /** The tool state of this session, handed to every tool call. */
    public ToolContext toolContext() {
        return toolContext;
    }

    /**
     * The transcript, for the agent loop: only the run holding the session may use it, while holding this
     * session's monitor for compound updates.
     */
    public Transcript transcript() {
        return transcript;
    }

    /**
     * Registers an action run once when the session closes (a backend releasing its KV cache); a second hook with
     * an equal key is ignored. Runs at once when the session is already closed.
     */
    public void onClose(Object key, Runnable hook) {
        synchronized (this) {
            if (!closed) {
                closeHooks.putIfAbsent(key, hook);
                return;
            }
        }
        hook.run();
    }

    /** Forgets the close hook registered under {@code key}, if any (a run that ended). */
    public synchronized void removeCloseHook(Object key) {
        closeHooks.remove(key);
    }

    /**
     * Runs the close hooks, then releases the tool state; later calls do nothing. Hooks come first, so a run in
     * progress is cancelled before its tools' results (stopped runs) can reach it.
     */
    @Override
    public void close() {
        List<Runnable> hooks;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            hooks = List.copyOf(closeHooks.values());
            closeHooks.clear();
        }
        hooks.forEach(Runnable::run);
        toolContext.close();
    }
}
