package io.lariat.agent.backend;

/**
 * A generation as the {@link DecodeScheduler} sees it: started once when admitted, then advanced by the scheduler's
 * batch step together with the other active tasks until it is done.
 *
 * <p>Implementations are confined to the scheduler thread between admission and {@link #finished}; only
 * {@link DecodeScheduler.Ticket#cancel()} may be called from elsewhere.
 */
interface DecodeTask {

    /** Takes what the task needs to run (its KV cache); called once, before its first batch step. */
    void start();

    /** Whether the task is complete and must not be stepped again; asked after each batch step. */
    boolean done();

    /**
     * Called exactly once when the task leaves the scheduler.
     *
     * @param outcome how it left
     * @param failure the exception a step threw, for {@link Outcome#FAILED}; null otherwise
     */
    void finished(Outcome outcome, Throwable failure);

    /** How a task left the scheduler. */
    enum Outcome { COMPLETED, CANCELLED, FAILED }
}
