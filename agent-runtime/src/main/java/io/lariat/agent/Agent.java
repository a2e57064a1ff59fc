package io.lariat.agent;

import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.context.ContextPolicy;
import io.lariat.agent.loop.AgentLoop;
import io.lariat.engine.GenerationRequest;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.prompts.ChatFormat;
import io.lariat.prompts.CustomToolStyle;
import io.lariat.prompts.Message;
import io.lariat.prompts.PromptLayout;
import io.lariat.prompts.SystemMessage;
import io.lariat.prompts.ToolPlacement;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.UserMessage;
import io.lariat.prompts.grammar.ToolCallConstraint;
import io.lariat.tools.BuiltinTools;
import io.lariat.tools.ToolDefinition;
import io.lariat.tools.ToolOptions;
import io.lariat.tools.ToolRegistry;
import io.smallrye.mutiny.Multi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An agent: a model, a system prompt, tools and limits; immutable, built with {@link #builder(String)}.
 *
 * <p>{@link #run} starts one user turn on a session and returns its event stream; the work runs on a virtual
 * thread, never on the caller's (event-loop) thread. One agent serves any number of sessions concurrently.
 * Plain Java: no CDI is needed.
 */
public final class Agent {

    /** Tokens one model turn may generate unless configured otherwise (as {@code AgentConfig} defaults it). */
    public static final int DEFAULT_MAX_TOKENS_PER_TURN = 1024;

    private final String name;
    private final String systemPrompt;
    private final ModelBackend backend;
    private final ToolRegistry tools;
    private final Set<String> builtins;
    private final List<ToolSpec> clientTools;
    private final SamplingOptions sampling;
    private final AgentLimits limits;
    private final ContextPolicy contextPolicy;
    private final ChatFormat chatFormat;
    private final int[] prefix;
    private final TokenConstraint callConstraint;

    private Agent(Builder b, ToolRegistry tools) {
        this.name = b.name;
        this.systemPrompt = b.systemPrompt;
        this.backend = b.backend;
        this.tools = tools;
        this.builtins = Collections.unmodifiableSet(new LinkedHashSet<>(b.builtins));
        this.clientTools = List.copyOf(b.clientTools);
        this.sampling = b.sampling;
        this.limits = new AgentLimits(b.maxIterations, b.maxTokensPerTurn, b.tokenBudget, b.turnTimeout);
        int window = b.contextWindow > 0 ? Math.min(b.contextWindow, backend.contextSize()) : backend.contextSize();
        this.contextPolicy = new ContextPolicy(window, b.toolResultShare);
        // Tools go in the system message, not the first user message: the prefix is pinned, so trimming old turns
        // can never drop the tool definitions.
        this.chatFormat = ChatFormat.builder().tokenizer(backend.tokenizer()).layout(b.layout)
                .builtinTools(List.copyOf(b.builtins)).tools(customToolSpecs()).toolStyle(b.toolStyle)
                .toolPlacement(ToolPlacement.SYSTEM_MESSAGE).build();
        this.prefix = chatFormat.render(List.of(new SystemMessage(systemPrompt)), false);
        List<ToolSpec> custom = customToolSpecs();
        boolean constrain = b.constrainedCalls && backend.constrainsTokens() && b.toolStyle == CustomToolStyle.JSON
                && !(b.builtins.isEmpty() && custom.isEmpty());
        this.callConstraint = constrain ? ToolCallConstraint.of(backend.tokenizer(), List.copyOf(b.builtins), custom,
                GenerationRequest.DEFAULT_STOPS) : null;
    }

    /** A builder for an agent with the given name. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Runs one user turn: appends {@code userText} to the session and generates until a final answer, a limit or
     * cancellation. Cancelling the subscription cancels the generation and frees the model slot at once.
     *
     * @return a cold stream; each subscription starts a run
     */
    public Multi<AgentEvent> run(Session session, String userText) {
        Objects.requireNonNull(userText, "userText");
        return run(session, List.of(new UserMessage(userText)));
    }

    /**
     * Runs one turn after appending {@code newMessages} to the session: a user message, or the results of client
     * tool calls (as {@link io.lariat.prompts.ToolResultMessage}s, with the call ids of the {@link ToolCallEvent}s),
     * or a whole earlier conversation restored into an empty session (assistant turns without sampled ids are
     * rendered from their text and calls).
     *
     * @return a cold stream; each subscription starts a run
     */
    public Multi<AgentEvent> run(Session session, List<Message> newMessages) {
        Objects.requireNonNull(session, "session");
        return AgentLoop.run(this, session, List.copyOf(newMessages));
    }

    /** The agent's name. */
    public String name() {
        return name;
    }

    /** The system prompt text. */
    public String systemPrompt() {
        return systemPrompt;
    }

    /** Where model turns are generated. */
    public ModelBackend backend() {
        return backend;
    }

    /** The tools the model may call. */
    public ToolRegistry tools() {
        return tools;
    }

    /** The built-in tools enabled in the prompt ({@link BuiltinTools} names), in the order they were enabled. */
    public Set<String> builtins() {
        return builtins;
    }

    /** How tokens are chosen. */
    public SamplingOptions sampling() {
        return sampling;
    }

    /** The run limits. */
    public AgentLimits limits() {
        return limits;
    }

    /** The context window and trimming policy. */
    public ContextPolicy contextPolicy() {
        return contextPolicy;
    }

    /** Renders this agent's messages to token ids. */
    public ChatFormat chatFormat() {
        return chatFormat;
    }

    /** The rendered system prompt with its tools: BOS up to the end of the system message. */
    public int[] prefix() {
        return prefix.clone();
    }

    /**
     * The constraint on this agent's model turns: text stays free, but every tool call the model starts names a
     * declared tool with arguments its schema accepts; null when {@link Builder#constrainedCalls} is off, the
     * backend cannot constrain tokens, the agent has no tools, or custom tools use the pythonic style.
     */
    public TokenConstraint callConstraint() {
        return callConstraint;
    }

    /** The tools the caller runs itself: the model may call them, and the run then ends with their calls. */
    public List<ToolSpec> clientTools() {
        return clientTools;
    }

    /** Whether a call to {@code name} is run by the caller rather than by this agent. */
    public boolean isClientTool(String name) {
        return clientTools.stream().anyMatch(t -> t.name().equals(name));
    }

    /** The custom (non-builtin) tools as the prompt declares them: registered ones, then client tools. */
    public List<ToolSpec> customToolSpecs() {
        List<ToolSpec> specs = new ArrayList<>(clientTools);
        for (ToolDefinition d : tools.definitions()) {
            if (!d.builtin()) {
                specs.add(new ToolSpec(d.name(), d.description(), d.parametersSchema()));
            }
        }
        return specs;
    }

    /** Collects an agent's settings; not thread-safe. Defaults: see each method. */
    public static final class Builder {
        private final String name;
        private String systemPrompt = "You are a helpful assistant.";
        private ModelBackend backend;
        private final List<Object> toolObjects = new ArrayList<>();
        private final List<Object> builtinObjects = new ArrayList<>();
        private final Set<String> builtins = new LinkedHashSet<>();
        private ToolRegistry registry;
        private final List<ToolSpec> clientTools = new ArrayList<>();
        private ToolOptions toolOptions = ToolOptions.defaults();
        private SamplingOptions sampling = SamplingOptions.builder().temperature(0.6f).topP(0.9f).build();
        private int maxIterations = 10;
        private int maxTokensPerTurn = DEFAULT_MAX_TOKENS_PER_TURN;
        private int tokenBudget = Integer.MAX_VALUE;
        private Duration turnTimeout = Duration.ofMinutes(5);
        private int contextWindow;
        private double toolResultShare = 0.25;
        private PromptLayout layout = PromptLayout.REFERENCE;
        private CustomToolStyle toolStyle = CustomToolStyle.JSON;
        private boolean constrainedCalls = true;

        private Builder(String name) {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("agent name must not be blank");
            }
            this.name = name;
        }

        /** The system prompt; default {@code "You are a helpful assistant."}. */
        public Builder systemPrompt(String value) {
            this.systemPrompt = Objects.requireNonNull(value, "systemPrompt");
            return this;
        }

        /** The model backend; required. */
        public Builder backend(ModelBackend value) {
            this.backend = Objects.requireNonNull(value, "backend");
            return this;
        }

        /** Objects whose {@code @Tool} methods the model may call. */
        public Builder tools(Object... objects) {
            toolObjects.addAll(List.of(objects));
            return this;
        }

        /** Enables built-in tools by name ({@link BuiltinTools}); each needs an implementation. */
        public Builder builtin(String... names) {
            for (String n : names) {
                if (!BuiltinTools.NAMES.contains(n)) {
                    throw new IllegalArgumentException("unknown built-in tool '" + n + "'; known: "
                            + BuiltinTools.NAMES);
                }
                builtins.add(n);
            }
            return this;
        }

        /** Objects implementing built-in tools (their {@code @Tool} names are {@link BuiltinTools} names). */
        public Builder builtinTools(Object... implementations) {
            builtinObjects.addAll(List.of(implementations));
            return this;
        }

        /**
         * Tools the caller runs itself (an OpenAI client's {@code tools}): declared in the prompt, never executed;
         * when the model calls one, the run ends with {@link FinalEvent.FinishReason#TOOL_CALLS}.
         */
        public Builder clientTools(List<ToolSpec> specs) {
            clientTools.addAll(specs);
            return this;
        }

        /** A ready registry (from CDI) instead of tool objects; then {@link #tools} must not be used. */
        public Builder toolRegistry(ToolRegistry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /** Limits of every tool call; default {@link ToolOptions#defaults()}. */
        public Builder toolOptions(ToolOptions value) {
            this.toolOptions = Objects.requireNonNull(value, "toolOptions");
            return this;
        }

        /** The per-call tool timeout alone, keeping the other tool options. */
        public Builder toolTimeout(Duration value) {
            this.toolOptions = toolOptions.withTimeout(value);
            return this;
        }

        /** Token sampling; default temperature 0.6, top-p 0.9 (Llama 3.1's generation config). */
        public Builder sampling(SamplingOptions value) {
            this.sampling = Objects.requireNonNull(value, "sampling");
            return this;
        }

        /** Model turns per run; default 10. */
        public Builder maxIterations(int value) {
            this.maxIterations = value;
            return this;
        }

        /** Tokens one model turn may generate; default {@value Agent#DEFAULT_MAX_TOKENS_PER_TURN}. */
        public Builder maxTokensPerTurn(int value) {
            this.maxTokensPerTurn = value;
            return this;
        }

        /** Tokens one run may spend (prompt evaluated plus generated); default unlimited. */
        public Builder tokenBudget(int value) {
            this.tokenBudget = value;
            return this;
        }

        /** Wall-clock limit of one run; default 5 minutes. */
        public Builder turnTimeout(Duration value) {
            this.turnTimeout = Objects.requireNonNull(value, "turnTimeout");
            return this;
        }

        /** A context window smaller than the backend's, in tokens; default the backend's context size. */
        public Builder contextWindow(int tokens) {
            this.contextWindow = tokens;
            return this;
        }

        /** Largest share of the window one tool result may take; default 0.25. */
        public Builder toolResultShare(double value) {
            this.toolResultShare = value;
            return this;
        }

        /** The system prompt layout; default {@link PromptLayout#REFERENCE} (Meta's examples, spec §3.2). */
        public Builder promptLayout(PromptLayout value) {
            this.layout = Objects.requireNonNull(value, "layout");
            return this;
        }

        /** How the model calls custom tools; default JSON (Llama 3.1), {@code PYTHON_LIST} for 3.2/3.3. */
        public Builder toolStyle(CustomToolStyle value) {
            this.toolStyle = Objects.requireNonNull(value, "toolStyle");
            return this;
        }

        /**
         * Whether tool calls are constrained to the declared tools once the model starts one; default true, in
         * effect on a backend that constrains tokens (the embedded engine) with JSON-style custom tools: after
         * {@code <|python_tag|>} a declared built-in with its {@code query} argument (code when code_interpreter is
         * declared), and a turn opening with {@code {} a JSON call naming a declared tool with arguments its schema
         * accepts. Text answers stay free.
         */
        public Builder constrainedCalls(boolean value) {
            this.constrainedCalls = value;
            return this;
        }

        /**
         * Validates the settings and builds the agent (and its tool registry).
         *
         * @throws IllegalStateException when the backend is missing, a built-in has no implementation, both a
         *                               registry and tool objects were given, or a client tool's name repeats
         * @throws io.lariat.tools.ToolDefinitionException when a tool is invalid
         */
        public Agent build() {
            if (backend == null) {
                throw new IllegalStateException("agent '" + name + "' has no backend");
            }
            ToolRegistry tools = registry != null ? checkedRegistry() : buildRegistry();
            for (String builtin : builtins) {
                if (tools.definition(builtin).isEmpty()) {
                    throw new IllegalStateException("agent '" + name + "' enables built-in '" + builtin
                            + "' but no implementation was given (builtinTools(...))");
                }
            }
            Set<String> names = new HashSet<>();
            for (ToolSpec client : clientTools) {
                if (!names.add(client.name()) || tools.definition(client.name()).isPresent()) {
                    throw new IllegalStateException("agent '" + name + "' declares tool '" + client.name()
                            + "' twice: tool names must be unique");
                }
            }
            return new Agent(this, tools);
        }

        private ToolRegistry checkedRegistry() {
            if (!toolObjects.isEmpty() || !builtinObjects.isEmpty()) {
                throw new IllegalStateException("agent '" + name + "' has both a tool registry and tool objects");
            }
            return registry;
        }

        private ToolRegistry buildRegistry() {
            ToolRegistry.Builder b = ToolRegistry.builder().options(toolOptions).tools(toolObjects);
            builtinObjects.forEach(b::builtin);
            return b.build();
        }
    }
}
