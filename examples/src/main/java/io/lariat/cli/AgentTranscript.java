package io.lariat.cli;

import io.lariat.agent.AgentEvent;
import io.lariat.agent.ContextTrimmedEvent;
import io.lariat.agent.ErrorEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.StatsEvent;
import io.lariat.agent.TokenEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.ToolResultEvent;
import io.lariat.agent.TurnStartedEvent;
import io.smallrye.mutiny.Multi;
import java.io.PrintWriter;

/**
 * Prints an agent run for humans as its events arrive: tool calls and results on stderr (name, arguments, short
 * result, duration), the answer on stdout. An exhaustive view of {@link AgentEvent}.
 */
final class AgentTranscript {
    /** Longest result text shown; the model still reads all of it. */
    static final int RESULT_PREVIEW = 160;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;
    private boolean answered;
    private final StringBuilder streamed = new StringBuilder();

    AgentTranscript(PrintWriter out, PrintWriter err, boolean verbose) {
        this.out = out;
        this.err = err;
        this.verbose = verbose;
    }

    /** Prints every event of the run; true when it ended with an answer. */
    boolean follow(Multi<AgentEvent> events) {
        for (AgentEvent event : events.subscribe().asIterable()) {
            show(event);
            out.flush();
            err.flush();
        }
        return answered;
    }

    private void show(AgentEvent event) {
        switch (event) {
            case TurnStartedEvent t -> streamed.setLength(0);
            case TokenEvent t -> {
                streamed.append(t.text());
                out.print(t.text());
            }
            case ToolCallEvent c -> err.println("→ " + c.tool() + " " + Json.write(c.arguments()));
            case ToolResultEvent r -> err.println((r.error() ? "✗ " : "← ") + r.tool() + " ("
                    + GoDuration.format(r.elapsed()) + "): " + preview(r.content()));
            case ContextTrimmedEvent c -> err.println("(context trimmed: " + c.messagesDropped() + " messages, "
                    + c.tokensDropped() + " tokens)");
            case FinalEvent f -> finish(f);
            case StatsEvent s -> stats(s);
            case ErrorEvent e -> err.println("lariat: agent failed (" + e.kind() + "): " + e.message());
        }
    }

    private void finish(FinalEvent f) {
        answered = f.reason() == FinalEvent.FinishReason.ANSWER;
        if (!answered) {
            err.println("lariat: the agent stopped without an answer (" + f.reason().name().toLowerCase(
                    java.util.Locale.ROOT) + "): " + f.content());
        } else if (streamed.toString().isBlank()) {
            out.println(f.content());
        } else {
            out.println();
        }
    }

    private void stats(StatsEvent s) {
        if (verbose) {
            err.printf("iterations: %d, prompt tokens: %d evaluated + %d reused, generated: %d, prompt eval: %s, "
                            + "generation: %s, tools: %s, total: %s%n", s.iterations(), s.promptTokensEvaluated(),
                    s.promptTokensReused(), s.generatedTokens(), GoDuration.format(s.promptEval()),
                    GoDuration.format(s.generation()), GoDuration.format(s.tools()), GoDuration.format(s.total()));
        }
    }

    /** The first line of a result, cut to {@value #RESULT_PREVIEW} characters. */
    static String preview(String content) {
        String flat = content.strip().replaceAll("\\s+", " ");
        return flat.length() <= RESULT_PREVIEW ? flat : flat.substring(0, RESULT_PREVIEW) + "…";
    }
}
