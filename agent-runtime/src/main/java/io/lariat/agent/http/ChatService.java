package io.lariat.agent.http;

import io.lariat.agent.ContextOverflowException;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.agent.backend.CancelSignal;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.RemoteBackend;
import io.lariat.agent.backend.TurnRequest;
import io.lariat.agent.backend.TurnResult;
import io.lariat.agent.config.LariatConfig;
import io.lariat.prompts.parse.ParsedTurn;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stateless chat generation for the OpenAI and Ollama dialects: one request, one assistant turn, as a stream of
 * {@link ChatEvent}s.
 *
 * <p>Everything that can be refused is checked in {@link #chat} on the caller's thread, before any byte is written:
 * the model, the conversation, the context size, and the model's queue ({@link GenerationGate}, refused with
 * {@link io.lariat.agent.OverloadedException}). The generation itself runs on a virtual thread, never on the event
 * loop; its events are buffered for the subscriber (at most one per generated token), and cancelling the
 * subscription (the client went away) cancels the generation and frees its slot. Thread-safe.
 */
@ApplicationScoped
public class ChatService {
    private final Map<String, GenerationGate> gates = new ConcurrentHashMap<>();
    private final Map<String, ChatSlots> slots = new ConcurrentHashMap<>();

    @Inject
    ServedModels models;

    @Inject
    LariatConfig config;

    @Inject
    ServerMetrics metrics;

    /**
     * Checks and admits {@code request}; the returned stream generates when subscribed.
     *
     * @throws io.lariat.agent.ModelNotFoundException  when the model is not served
     * @throws InvalidRequestException                 when the conversation or tool choice is inconsistent,
     *                                                 or a raw prompt goes to a remote chat API
     * @throws ContextOverflowException                when the prompt leaves no room for an answer in the model's
     *                                                 context (or the request's smaller window)
     * @throws io.lariat.agent.OverloadedException     when the model's queue is full
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
        ChatPrompt prompt = ChatPrompt.render(request, backend.tokenizer());
        int window = request.contextLimit() > 0 ? Math.min(request.contextLimit(), backend.contextSize())
                : backend.contextSize();
        if (prompt.ids().length >= window) {
            throw new ContextOverflowException(prompt.ids().length + 1, window);
        }
        int maxTokens = Math.min(request.maxTokens(), window - prompt.ids().length);
        TokenConstraint constraint = ChatConstraints.of(request, prompt, backend);
        GenerationGate.Permit permit = gate(model.name()).admit();
        Generation generation = new Generation(request, model, prompt, maxTokens, start, found.load(), constraint);
        return Multi.createFrom().<ChatEvent>emitter(emitter -> {
            CancelSignal cancel = new CancelSignal();
            emitter.onTermination(() -> cancel.cancel("client gone"));
            Thread.ofVirtual().name("lariat-chat-" + model.name()).start(() -> {
                try (permit) {
                    generation.run(emitter, permit, cancel);
                }
            });
        }, BackPressureStrategy.BUFFER);
    }

    @PostConstruct
    void publishQueueDepth() {
        metrics.watchQueue(this::queueDepth);
    }

    /** Requests waiting for a generation slot, over every model. */
    public int queueDepth() {
        return gates.values().stream().mapToInt(GenerationGate::waiting).sum();
    }

    private GenerationGate gate(String model) {
        return gates.computeIfAbsent(model, m -> new GenerationGate(m, config.scheduler().maxActive(),
                config.scheduler().queueCapacity()));
    }

    private ChatSlots slots(String model) {
        return slots.computeIfAbsent(model, m -> new ChatSlots(m, config.scheduler().maxActive()));
    }

    /** One admitted request, run on its virtual thread. */
    private final class Generation {
        private final ChatRequest request;
        private final ServedModel model;
        private final ChatPrompt prompt;
        private final int maxTokens;
        private final long start;
        private final Duration load;
        private final TokenConstraint constraint;

        Generation(ChatRequest request, ServedModel model, ChatPrompt prompt, int maxTokens, long start,
                   Duration load, TokenConstraint constraint) {
            this.constraint = constraint;
            this.request = request;
            this.model = model;
            this.prompt = prompt;
            this.maxTokens = maxTokens;
            this.start = start;
            this.load = load;
        }

        void run(MultiEmitter<? super ChatEvent> emitter, GenerationGate.Permit permit, CancelSignal cancel) {
            try {
                permit.awaitSlot(cancel);
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
            ModelBackend backend = model.backend();
            ChatTurn turn = new ChatTurn(backend.tokenizer(), prompt.forcedText(), request.stop(), emitter::emit);
            ChatSlots pool = slots(model.name());
            ChatSlots.Slot slot = pool.acquire(prompt.ids());
            int shared = ChatSlots.commonPrefix(slot.heldIds(), prompt.ids());
            int[] held = prompt.ids();
            long generateStart = System.nanoTime();
            TurnResult result = null;
            try {
                TurnRequest turnRequest = new TurnRequest(slot.sessionId(), prompt.ids(), request.messages(),
                        prompt.tools(), request.sampling(), maxTokens, cancel, constraint);
                result = backend.generate(turnRequest, turn);
                held = concat(prompt.ids(), result.sampledIds());
            } catch (CancellationException e) {
                if (!turn.stoppedByString()) {
                    throw e;
                }
            } finally {
                pool.release(slot, held);
            }
            if (turn.firstTokenNanos() > 0) {
                metrics.firstToken(model.name(), Duration.ofNanos(turn.firstTokenNanos() - start));
            }
            return completed(turn.finish(), turn, result, generateStart, shared);
        }

        private ChatEvent.ChatCompleted completed(ParsedTurn parsed, ChatTurn turn, TurnResult result,
                                                  long generateStart, int shared) {
            ChatEvent.FinishReason finish = parsed.hasCalls() ? ChatEvent.FinishReason.TOOL_CALLS
                    : result == null || result.stopped() ? ChatEvent.FinishReason.STOP
                    : ChatEvent.FinishReason.LENGTH;
            Duration total = Duration.ofNanos(System.nanoTime() - start);
            ChatUsage usage = result != null
                    ? new ChatUsage(prompt.ids().length, result.stats().promptTokensEvaluated(),
                            result.stats().generatedTokens(), load, result.stats().promptEval(),
                            result.stats().generation(), total)
                    : stoppedUsage(turn, generateStart, total, shared);
            return new ChatEvent.ChatCompleted(parsed.content(), parsed.calls(), finish, usage);
        }

        /**
         * A stop string cancelled the backend, so its statistics are lost: count from the slot's cached prefix and
         * time from the tokens seen.
         */
        private ChatUsage stoppedUsage(ChatTurn turn, long generateStart, Duration total, int shared) {
            Duration promptEval = Duration.ofNanos(Math.max(0, turn.firstTokenNanos() - generateStart));
            Duration eval = Duration.ofNanos(System.nanoTime() - turn.firstTokenNanos());
            return new ChatUsage(prompt.ids().length, prompt.ids().length - shared, turn.tokens(), load,
                    promptEval, eval, total);
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
