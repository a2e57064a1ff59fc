package io.lariat.agent.loop;

import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.ContextOverflowException;
import io.lariat.agent.ContextTrimmedEvent;
import io.lariat.agent.ErrorEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.FinalEvent.FinishReason;
import io.lariat.agent.OverloadedException;
import io.lariat.agent.Session;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.TokenEvent;
import io.lariat.agent.ToolResultEvent;
import io.lariat.agent.TurnStartedEvent;
import io.lariat.agent.backend.CancelSignal;
import io.lariat.agent.context.TrimResult;
import io.lariat.agent.context.Transcript;
import io.lariat.agent.turn.ModelTurn;
import io.lariat.agent.turn.TurnInput;
import io.lariat.agent.turn.TurnOptions;
import io.lariat.agent.turn.TurnOutcome;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.Message;
import io.lariat.prompts.SystemMessage;
import io.lariat.prompts.ToolResultMessage;
import io.lariat.prompts.parse.ParsedTurn;
import io.lariat.prompts.parse.Stop;
import io.lariat.prompts.parse.ToolCall;
import io.lariat.tools.ToolResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** One run of the agent loop on one session; confined to its virtual thread. */
final class Run {
    private static final String TIMEOUT = "timeout";
    private static final String SESSION_CLOSED = "session closed";
    /** Fires run time limits; cancelled when a run ends, so finished runs are not retained until their limit. */
    private static final ScheduledThreadPoolExecutor TIMERS = timers();

    private final Agent agent;
    private final Session session;
    private final Transcript transcript;
    private final List<Message> newMessages;
    private final Consumer<AgentEvent> emit;
    private final CancelSignal cancel;
    private final RunStats stats = new RunStats();
    private final long deadline;
    private int mark;
    private int turn;

    Run(Agent agent, Session session, List<Message> newMessages, Consumer<AgentEvent> emit, CancelSignal cancel) {
        this.agent = agent;
        this.session = session;
        this.transcript = session.transcript();
        this.newMessages = newMessages;
        this.emit = emit;
        this.cancel = cancel;
        this.deadline = System.nanoTime() + agent.limits().turnTimeout().toNanos();
    }

    /** Runs to the end, emitting every event; never throws. */
    void execute() {
        if (!session.tryBeginRun()) {
            emit.accept(new ErrorEvent(session.id(), 0, "session_busy", session.closed()
                    ? "session " + session.id() + " is closed" : "session " + session.id() + " is already running"));
            return;
        }
        ScheduledFuture<?> timer = TIMERS.schedule(() -> cancel.cancel(TIMEOUT),
                agent.limits().turnTimeout().toNanos(), TimeUnit.NANOSECONDS);
        session.onClose(agent.backend(), () -> agent.backend().release(session.id()));
        // a session deleted or expired mid-run ends the run at once: its tools were stopped, no turn may follow
        session.onClose(cancel, () -> cancel.cancel(SESSION_CLOSED));
        try {
            begin();
            loop();
            emit.accept(stats.event(session.id(), turn));
        } catch (CancellationException e) {
            rollback();
            if (TIMEOUT.equals(cancel.reason())) {
                emit.accept(new ErrorEvent(session.id(), turn, "timeout",
                        "the run exceeded its time limit of " + agent.limits().turnTimeout()));
            } else if (SESSION_CLOSED.equals(cancel.reason())) {
                emit.accept(new ErrorEvent(session.id(), turn, "session_closed",
                        "session " + session.id() + " was closed (deleted or expired) during the run"));
            }
        } catch (ContextOverflowException e) {
            fail("context_overflow", e);
        } catch (OverloadedException e) {
            fail("overloaded", e);
        } catch (RuntimeException e) {
            fail("failed", e);
        } finally {
            timer.cancel(false);
            session.removeCloseHook(cancel);
            session.touch(Instant.now());
            session.endRun();
        }
    }

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("lariat-run-timer").factory());
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    private void begin() {
        synchronized (session) {
            String key = agent.name() + ":" + Arrays.hashCode(agent.prefix());
            if (!transcript.prefixKey().equals(key)) {
                transcript.setPrefix(key, agent.prefix());
            }
            mark = transcript.size();
            for (Message message : newMessages) {
                transcript.append(message, agent.chatFormat().renderMessage(message));
            }
        }
    }

    private void loop() {
        int max = agent.limits().maxIterations();
        while (true) {
            int budgetLeft = agent.limits().tokenBudget() - stats.spent();
            if (budgetLeft <= 0) {
                finish(FinishReason.TOKEN_BUDGET, "Stopped: the run spent its budget of "
                        + agent.limits().tokenBudget() + " tokens before a final answer.");
                return;
            }
            turn++;
            ParsedTurn parsed = modelTurn(Math.min(agent.limits().maxTokensPerTurn(), budgetLeft));
            if (parsed.stop() == Stop.LENGTH) {
                finish(FinishReason.LENGTH, parsed.content() != null ? parsed.content()
                        : "The answer was cut off at the limit of " + agent.limits().maxTokensPerTurn()
                        + " tokens per turn.");
                return;
            }
            boolean paused = parsed.stop() == Stop.EOM; // spec §4.4: eom without a call asks for another step
            if (!parsed.hasCalls() && !paused) {
                finish(FinishReason.ANSWER, parsed.content() == null ? "" : parsed.content());
                return;
            }
            if (parsed.calls().stream().anyMatch(c -> agent.isClientTool(c.name()))) {
                handOver(parsed);
                return;
            }
            runCalls(parsed.calls());
            if (turn >= max) {
                finish(FinishReason.ITERATION_CAP, "Stopped after " + max
                        + " model turns (the iteration cap) before a final answer.");
                return;
            }
        }
    }

    private ParsedTurn modelTurn(int maxTokens) {
        checkAlive();
        int[] prompt;
        int fixedPrefix;
        List<Message> messages = new ArrayList<>();
        synchronized (session) {
            trim();
            prompt = transcript.promptIds(agent.chatFormat().generationPrompt());
            fixedPrefix = transcript.prefix().length;
            messages.add(new SystemMessage(agent.systemPrompt()));
            messages.addAll(transcript.messages());
        }
        emit.accept(new TurnStartedEvent(session.id(), turn, prompt.length));
        int current = turn;
        TurnOutcome outcome = ModelTurn.run(agent.backend(), new TurnInput(session.id(), prompt, new int[0], messages,
                agent.customToolSpecs(), agent.sampling(), maxTokens,
                TurnOptions.DEFAULT.withFixedPrefix(fixedPrefix).withConstraint(agent.callConstraint()), cancel),
                text -> emit.accept(new TokenEvent(session.id(), current, text)));
        stats.addTurn(outcome.stats());
        appendAssistant(outcome);
        return outcome.parsed();
    }

    private void trim() {
        int reserve = agent.chatFormat().generationPrompt().length + agent.limits().maxTokensPerTurn();
        TrimResult trim = agent.contextPolicy().plan(transcript.contextEntries(), reserve);
        if (trim.trims()) {
            transcript.drop(trim);
            mark -= trim.count();
            emit.accept(new ContextTrimmedEvent(session.id(), turn, trim.count(), trim.tokensDropped(),
                    trim.tokensKept()));
        }
    }

    /** Appends the turn as the exact ids sampled (spec §11 raw replay); a truncated turn is closed with eot. */
    private void appendAssistant(TurnOutcome result) {
        ParsedTurn parsed = result.parsed();
        int stop = result.stopped() ? result.stopId() : SpecialTokens.EOT;
        int[] header = agent.chatFormat().generationPrompt();
        int[] ids = Arrays.copyOf(header, header.length + result.sampledIds().length + 1);
        System.arraycopy(result.sampledIds(), 0, ids, header.length, result.sampledIds().length);
        ids[ids.length - 1] = stop;
        AssistantMessage.End end = stop == SpecialTokens.EOM ? AssistantMessage.End.EOM : AssistantMessage.End.EOT;
        synchronized (session) {
            transcript.append(new AssistantMessage(parsed.content(), parsed.calls(), result.sampledIds(), end), ids);
        }
    }

    /** Spec §11.4: calls run in order, and every call gets exactly one result, failures included. */
    private void runCalls(List<ToolCall> calls) {
        for (ToolCall call : calls) {
            checkAlive();
            String callId;
            synchronized (session) {
                callId = transcript.nextCallId();
            }
            emit.accept(new ToolCallEvent(session.id(), turn, callId, call.name(), call.arguments()));
            long start = System.nanoTime();
            ToolResult result = invoke(call);
            stats.addToolTime(java.time.Duration.ofNanos(System.nanoTime() - start));
            String content = agent.contextPolicy().truncateToolResult(result.modelText(),
                    text -> agent.backend().tokenizer().encode(text).length);
            emit.accept(new ToolResultEvent(session.id(), turn, callId, call.name(), content, result.error(),
                    result.elapsed()));
            ToolResultMessage message = new ToolResultMessage(callId, call.name(), content);
            synchronized (session) {
                transcript.append(message, agent.chatFormat().renderMessage(message));
            }
        }
    }

    /** Client tools run elsewhere: report every call of the turn and end the run, executing none of them. */
    private void handOver(ParsedTurn parsed) {
        for (ToolCall call : parsed.calls()) {
            String callId;
            synchronized (session) {
                callId = transcript.nextCallId();
            }
            emit.accept(new ToolCallEvent(session.id(), turn, callId, call.name(), call.arguments()));
        }
        finish(FinishReason.TOOL_CALLS, parsed.content() == null ? "" : parsed.content());
    }

    private ToolResult invoke(ToolCall call) {
        CompletableFuture<ToolResult> future = agent.tools()
                .invoke(call.name(), call.arguments(), session.toolContext())
                .subscribeAsCompletionStage();
        cancel.onCancel(() -> future.cancel(true));
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel.cancel(TIMEOUT);
            throw new CancellationException(TIMEOUT);
        } catch (ExecutionException e) {
            // The registry turns every failure into an error result; this guards a broken custom registry.
            return ToolResult.error(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    private void checkAlive() {
        if (cancel.cancelled()) {
            throw new CancellationException(cancel.reason());
        }
    }

    private void finish(FinishReason reason, String content) {
        emit.accept(new FinalEvent(session.id(), turn, content, reason));
    }

    private void fail(String kind, RuntimeException e) {
        rollback();
        emit.accept(new ErrorEvent(session.id(), turn, kind, e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    /** An abandoned run leaves no trace in the history: the next run starts from the last complete one. */
    private void rollback() {
        synchronized (session) {
            transcript.truncate(Math.max(0, mark));
        }
    }
}
