package io.lariat.agent.loop;

import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.Session;
import io.lariat.agent.backend.CancelSignal;
import io.lariat.prompts.Message;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;

import java.util.List;

/**
 * The agent loop of spec §11 as an event stream: generate, parse, run the calls in order, append one result per
 * call, and generate again, until a final answer, the iteration cap, the token budget, the time limit or
 * cancellation.
 *
 * <p>Each subscription runs on its own virtual thread; events are delivered on Mutiny's default executor, never on
 * the thread that decodes tokens. Cancelling the subscription cancels the generation (freeing the model slot at
 * once) and any tool call in progress; the session's history is then rolled back to where the run started.
 */
public final class AgentLoop {
    private AgentLoop() {
    }

    /**
     * The events of one run of {@code agent} on {@code session} after appending {@code newMessages}.
     *
     * @return a cold stream; it always completes normally, failures arrive as an {@link io.lariat.agent.ErrorEvent}
     */
    public static Multi<AgentEvent> run(Agent agent, Session session, List<Message> newMessages) {
        return Multi.createFrom().<AgentEvent>emitter(emitter -> {
            CancelSignal cancel = new CancelSignal();
            emitter.onTermination(() -> cancel.cancel("client gone"));
            Run run = new Run(agent, session, newMessages, emitter::emit, cancel);
            Thread.ofVirtual().name("lariat-run-" + session.id()).start(() -> {
                run.execute();
                emitter.complete();
            });
        }, BackPressureStrategy.BUFFER).emitOn(Infrastructure.getDefaultExecutor());
    }
}
