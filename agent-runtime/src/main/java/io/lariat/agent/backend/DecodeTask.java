package io.lariat.agent.backend;

/**
 * A generation as the {@link DecodeScheduler} sees it: a sequence of short steps run on the scheduler thread.
 *
 * <p>Implementations are confined to the scheduler thread between admission and {@link #finished}; only
 * {@link DecodeScheduler.Ticket#cancel()} may be called from elsewhere.
 */
interface DecodeTask {

    /**
     * Runs the next unit of work: the prefill first, then one decode step per call.
     *
     * @return true when the task is complete and must not be stepped again
     */
    boolean step();

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
