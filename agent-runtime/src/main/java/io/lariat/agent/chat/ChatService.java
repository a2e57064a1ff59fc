package io.lariat.agent.chat;

import io.lariat.agent.ContextOverflowException;
import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.UnsupportedFeatureException;
import io.lariat.agent.backend.CancelSignal;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.RemoteBackend;
import io.lariat.agent.turn.ModelTurn;
import io.lariat.agent.turn.TurnInput;
import io.lariat.agent.turn.TurnOptions;
import io.lariat.agent.turn.TurnOutcome;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stateless chat generation for the OpenAI and Ollama dialects: one request, one {@link ModelTurn}, as a stream of
 * {@link ChatEvent}s.
 *
 * <p>The model, the conversation and the context size are checked in {@link #chat} on the caller's thread. The turn
 * runs on a virtual thread when the stream is subscribed; the model's queue admits it or refuses it
 * ({@link io.lariat.agent.OverloadedException}) before its first event, which is the one admission point: a response
 * writes nothing before the first event, so a refusal still sets the status. Events are buffered for the subscriber
 * (at most one per generated token), and cancelling the subscription (the client went away) cancels the turn and
 * frees its slot. Only tools the request declares are ever called: a turn that calls another tool is answered as
 * text, and on the embedded engine such a call cannot even be generated ({@link ChatConstraints}: declared tools,
 * {@code tool_choice} and the answer format are enforced token by token). Thread-safe.
 */
@ApplicationScoped
public class ChatService {
    private final Map<String, ChatSlots> slots = new ConcurrentHashMap<>();

    @Inject
    ServedModels models;

    @Inject
    ServerMetrics metrics;

    /**
     * Checks {@code request}; the returned stream generates when subscribed, and fails with
     * {@link io.lariat.agent.OverloadedException} before any event when the model's queue is full.
     *
     * @throws io.lariat.agent.ModelNotFoundException when the model is not served
     * @throws InvalidRequestException                when the conversation or tool choice is inconsistent, or a raw
     *                                                prompt goes to a remote chat API
     * @throws ContextOverflowException               when the prompt leaves no room for an answer in the model's
     *                                                context (or the request's smaller window)
     * @throws io.lariat.agent.UnsupportedFeatureException when a format goes to a model that cannot
     *                                                constrain its tokens (a remote API), or log-probabilities
     *                                                are asked of one that does not report them
     */
    public Multi<ChatEvent> chat(ChatRequest request) {
        long start = System.nanoTime();
        ServedModels.FindResult found = models.findTimed(request.model());
        ServedModel model = found.model();
        ModelBackend backend = model.backend();
        if (request.raw() && backend instanceof RemoteBackend remote && !remote.takesTokenIds()) {
            throw InvalidRequestException.badValue("$.raw", "model '" + model.name() + "' is served by a remote "
                    + "chat API, which applies its own template; raw prompts need an embedded model or "
                    + "lariat.remote.mode=completions");
        }
        if (request.logprobs() >= 0 && !backend.reportsLogprobs()) {
            throw new UnsupportedFeatureException("$.logprobs", "returning log probabilities with model '"
                    + model.name() + "' (served by a remote API, whose token probabilities Lariat does not read)");
        }
        ChatPrompt prompt = ChatPrompt.render(request, backend.tokenizer());
        int window = request.contextLimit() > 0 ? Math.min(request.contextLimit(), backend.contextSize())
                : backend.contextSize();
        if (prompt.ids().length >= window) {
            throw new ContextOverflowException(prompt.ids().length + 1, window);
        }
        int maxTokens = Math.min(request.maxTokens(), window - prompt.ids().length);
        TurnOptions options = new TurnOptions(request.stop(), request.declaredToolsOnly())
                .withConstraint(ChatConstraints.of(request, prompt, backend)).withLogprobs(request.logprobs());
        Generation generation = new Generation(request, model, prompt, new Limits(maxTokens, options), start,
                found.load());
        return Multi.createFrom().<ChatEvent>emitter(emitter -> {
            CancelSignal cancel = new CancelSignal();
            emitter.onTermination(() -> cancel.cancel("client gone"));
            Thread.ofVirtual().name("lariat-chat-" + model.name()).start(() -> generation.run(emitter, cancel));
        }, BackPressureStrategy.BUFFER);
    }

    @PostConstruct
    void publishQueueDepth() {
        metrics.watchQueue(this::queueDepth);
    }

    /** Turns waiting for a generation slot, over every served model. */
    public int queueDepth() {
        return models.all().stream().mapToInt(m -> m.backend().queuedTurns()).sum();
    }

    private ChatSlots slots(ServedModel model) {
        return slots.computeIfAbsent(model.name(), ChatSlots::new);
    }

    /** How many tokens a request's turn may generate, and its per-turn options (stop strings, constraint). */
    private record Limits(int maxTokens, TurnOptions options) {
    }

    /** One request's turn, run on its virtual thread. */
    private final class Generation {
        private final ChatRequest request;
        private final ServedModel model;
        private final ChatPrompt prompt;
        private final Limits limits;
        private final long start;
        private final Duration load;
        private final List<ChatLogprob> answerLogprobs = new ArrayList<>();

        Generation(ChatRequest request, ServedModel model, ChatPrompt prompt, Limits limits, long start,
                   Duration load) {
            this.request = request;
            this.model = model;
            this.prompt = prompt;
            this.limits = limits;
            this.start = start;
            this.load = load;
        }

        void run(MultiEmitter<? super ChatEvent> emitter, CancelSignal cancel) {
            try {
                ChatEvent.ChatCompleted done = generate(emitter, cancel);
                metrics.chatCompleted(model.name(), done.usage(), done.calls().size());
                emitter.emit(done);
                emitter.complete();
            } catch (CancellationException e) {
                emitter.complete();
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }

        private ChatEvent.ChatCompleted generate(MultiEmitter<? super ChatEvent> emitter, CancelSignal cancel) {
            ChatSlots pool = slots(model);
            ChatSlots.Slot slot = pool.acquire(prompt.ids());
            int[] held = prompt.ids();
            TurnOutcome outcome;
            try {
                outcome = ModelTurn.run(model.backend(), new TurnInput(slot.sessionId(), prompt.ids(),
                        prompt.forcedIds(), request.messages(), prompt.tools(), request.sampling(),
                        limits.maxTokens(), limits.options(), cancel), (text, probs) -> {
                            List<ChatLogprob> logprobs = probs.stream()
                                    .map(p -> ChatLogprob.of(p, model.backend().tokenizer())).toList();
                            answerLogprobs.addAll(logprobs);
                            emitter.emit(new ChatEvent.ContentDelta(text, logprobs));
                        });
                held = concat(prompt.ids(), outcome.sampledIds());
            } finally {
                pool.release(slot, held);
            }
            if (outcome.firstTokenNanos() > 0) {
                metrics.firstToken(model.name(), Duration.ofNanos(outcome.firstTokenNanos() - start));
            }
            return completed(outcome);
        }

        private ChatEvent.ChatCompleted completed(TurnOutcome outcome) {
            ChatEvent.FinishReason finish = outcome.parsed().hasCalls() ? ChatEvent.FinishReason.TOOL_CALLS
                    : outcome.stopped() || outcome.stoppedByString() ? ChatEvent.FinishReason.STOP
                    : ChatEvent.FinishReason.LENGTH;
            ChatUsage usage = new ChatUsage(prompt.ids().length, outcome.stats().promptTokensEvaluated(),
                    outcome.stats().generatedTokens(), load, outcome.stats().promptEval(),
                    outcome.stats().generation(), Duration.ofNanos(System.nanoTime() - start));
            // a turn read as calls has no answer text, so none of its tokens are reported
            return new ChatEvent.ChatCompleted(outcome.parsed().content(), outcome.parsed().calls(), finish, usage,
                    outcome.parsed().content() == null ? List.of() : answerLogprobs);
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
