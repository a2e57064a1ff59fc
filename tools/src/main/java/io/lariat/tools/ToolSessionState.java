package io.lariat.tools;

/**
 * Per-session state a tool keeps between calls (for example a Python interpreter context), owned by a
 * {@link ToolContext} and closed with it.
 *
 * <p>Implementations must tolerate {@link #close()} being called from a thread other than the one that used them,
 * and must not throw from it.
 */
public interface ToolSessionState extends AutoCloseable {

    /** Releases the state; called once, when the owning session ends. */
    @Override
    void close();
}
