package io.lariat.agent.http.agent;

import io.lariat.agent.AgentEvent;
import io.lariat.agent.ContextTrimmedEvent;
import io.lariat.agent.ErrorEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.StatsEvent;
import io.lariat.agent.TokenEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.ToolResultEvent;
import io.lariat.agent.TurnStartedEvent;
import io.lariat.agent.http.AgentRunException;
import io.lariat.agent.http.ApiError;
import io.lariat.agent.http.Json;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Renders an agent run's events as named SSE events ({@code token}, {@code tool_call}, {@code tool_result},
 * {@code context_trimmed}, {@code final}, {@code stats}, {@code error}) or collects them into one
 * {@link AgentWire.RunResult}.
 *
 * <p>A run that fails before its first event is written (an {@link ErrorEvent} first) fails the stream with an
 * {@link AgentRunException}, so the HTTP status reports it; later failures are an {@code error} event.
 */
public final class AgentStream {
    private AgentStream() {
    }

    /** The SSE frames of a run. */
    public static Multi<String> frames(Multi<AgentEvent> events) {
        AtomicBoolean started = new AtomicBoolean();
        return events.map(AgentStream::frame).filter(Optional::isPresent).map(frame -> {
            if (!started.getAndSet(true) && frame.get().failure() != null) {
                throw frame.get().failure();
            }
            return frame.get().text();
        });
    }

    /**
     * The whole run as one result.
     *
     * @throws AgentRunException (through the Uni) when the run ended with an error event
     */
    public static Uni<AgentWire.RunResult> result(String sessionId, Multi<AgentEvent> events) {
        return events.collect().asList().map(all -> {
            Map<String, AgentWire.ToolCallResult> calls = new LinkedHashMap<>();
            FinalEvent answer = null;
            AgentWire.StatsData stats = null;
            for (AgentEvent event : all) {
                switch (event) {
                    case ToolCallEvent c -> calls.put(c.callId(),
                            new AgentWire.ToolCallResult(c.callId(), c.tool(), c.arguments(), null, false, 0));
                    case ToolResultEvent r -> calls.computeIfPresent(r.callId(), (id, c) ->
                            new AgentWire.ToolCallResult(id, c.name(), c.arguments(), r.content(), r.error(),
                                    r.elapsed().toMillis()));
                    case FinalEvent f -> answer = f;
                    case StatsEvent s -> stats = stats(s);
                    case ErrorEvent e -> throw new AgentRunException(e.kind(), e.message());
                    case TurnStartedEvent t -> { }
                    case TokenEvent t -> { }
                    case ContextTrimmedEvent t -> { }
                }
            }
            if (answer == null) {
                throw new AgentRunException("incomplete", "the run ended without an answer");
            }
            return new AgentWire.RunResult(sessionId, answer.content(), reason(answer), List.copyOf(calls.values()),
                    stats);
        });
    }

    /** The frame reporting a failure after the stream began. */
    public static String errorFrame(ApiError error) {
        return event("error", new AgentWire.ErrorData(0, error.code(), error.message()));
    }

    private static Optional<Frame> frame(AgentEvent event) {
        return switch (event) {
            case TurnStartedEvent t -> Optional.empty();
            case TokenEvent t -> Frame.of("token", new AgentWire.TokenData(t.turn(), t.text()));
            case ToolCallEvent c -> Frame.of("tool_call",
                    new AgentWire.ToolCallData(c.turn(), c.callId(), c.tool(), c.arguments()));
            case ToolResultEvent r -> Frame.of("tool_result", new AgentWire.ToolResultData(r.turn(), r.callId(),
                    r.tool(), r.content(), r.error(), r.elapsed().toMillis()));
            case ContextTrimmedEvent c -> Frame.of("context_trimmed", new AgentWire.ContextTrimmedData(c.turn(),
                    c.messagesDropped(), c.tokensDropped(), c.tokensKept()));
            case FinalEvent f -> Frame.of("final", new AgentWire.FinalData(f.turn(), f.content(), reason(f)));
            case StatsEvent s -> Frame.of("stats", stats(s));
            case ErrorEvent e -> Optional.of(new Frame(event("error",
                    new AgentWire.ErrorData(e.turn(), e.kind(), e.message())),
                    new AgentRunException(e.kind(), e.message())));
        };
    }

    private static AgentWire.StatsData stats(StatsEvent s) {
        return new AgentWire.StatsData(s.iterations(), s.promptTokensEvaluated(), s.promptTokensReused(),
                s.generatedTokens(), s.promptEval().toMillis(), s.generation().toMillis(), s.tools().toMillis(),
                s.total().toMillis());
    }

    private static String reason(FinalEvent f) {
        return f.reason().name().toLowerCase(Locale.ROOT);
    }

    private static String event(String name, Object data) {
        return "event: " + name + "\ndata: " + Json.write(data) + "\n\n";
    }

    /** One SSE frame, and the failure to raise instead when it would be the first. */
    private record Frame(String text, AgentRunException failure) {
        static Optional<Frame> of(String name, Object data) {
            return Optional.of(new Frame(event(name, data), null));
        }
    }
}
