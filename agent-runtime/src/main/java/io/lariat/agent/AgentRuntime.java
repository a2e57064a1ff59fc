package io.lariat.agent;

import io.lariat.agent.backend.EmbeddedSettings;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.ModelRegistry;
import io.lariat.agent.backend.RemoteBackend;
import io.lariat.agent.backend.RemoteSettings;
import io.lariat.agent.config.AgentConfig;
import io.lariat.agent.config.AgentDefinitions;
import io.lariat.agent.config.LariatConfig;
import io.lariat.agent.config.PythonSandboxes;
import io.lariat.agent.config.ToolSources;
import io.lariat.agent.session.InMemorySessionStore;
import io.lariat.agent.session.SessionStore;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.tools.ToolOptions;
import io.lariat.tools.builtin.BuiltinOptions;
import io.lariat.tools.builtin.Builtins;
import io.lariat.tools.builtin.search.IndexProgress;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Everything a Lariat process needs, built from {@link LariatConfig} in plain Java: the models, the session store
 * and the configured agents. The CLI uses it directly; the Quarkus application produces it as a bean.
 *
 * <p>Besides the agents under {@code lariat.agents.*} there is always one named {@value #DEFAULT_AGENT} (the
 * {@link Agent.Builder} defaults on the default model, no tools) unless configuration declares it. Agents are built on first use. Thread-safe;
 * closing it closes the sessions and the models.
 */
public final class AgentRuntime implements AutoCloseable {
    /** Fewest tokens a prompt needs (system header, a short question, the reply header). */
    static final int MIN_PROMPT_TOKENS = 64;

    private static final Logger LOG = Logger.getLogger(AgentRuntime.class);

    /** Logged once by each runtime of a JVM without the Vector API module. */
    static final String SCALAR_KERNELS_WARNING = "Lariat computes on its scalar kernels, several times slower than"
            + " its Vector API kernels (and lariat.engine.precision=fast computes exactly): this JVM was started without"
            + " the jdk.incubator.vector module; add --add-modules jdk.incubator.vector to the java command line"
            + " (or JDK_JAVA_OPTIONS, or surefire's argLine) to enable the fast path";

    /** The agent that exists even when none is configured. */
    public static final String DEFAULT_AGENT = "default";

    private final LariatConfig config;
    private final ToolSources tools;
    private final ModelRegistry models;
    private final SessionStore sessions;
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, UnaryOperator<Agent.Builder>> codeAgents = new HashMap<>();
    private final Runnable closeOwned;
    private String fallbackModel;

    private AgentRuntime(LariatConfig config, ToolSources tools, ModelRegistry models, SessionStore sessions,
                         Runnable closeOwned) {
        this.config = config;
        this.tools = tools;
        this.models = models;
        this.sessions = sessions;
        this.closeOwned = closeOwned;
    }

    /**
     * Builds the runtime with the tools module's built-ins configured from {@code lariat.search.*},
     * {@code lariat.calculator.*} and {@code lariat.python.*}; the runtime owns and closes them.
     *
     * @param customTools tool objects for {@code lariat.agents.<name>.tools}, keyed by class name
     */
    public static AgentRuntime create(LariatConfig config, Map<String, Object> customTools) {
        LariatConfig.SearchConfig search = config.search();
        Builtins builtins = Builtins.create(new BuiltinOptions(search.indexDir().orElse(null),
                search.folders().orElse(List.of()), search.sampleCorpus(), search.results(),
                search.braveApiKey().orElse(null), config.calculator().wolframAppId().orElse(null)),
                PythonSandboxes.builder(config.python()), IndexProgress.NONE);
        return create(config, new ToolSources(customTools, builtins::tool), builtins::close);
    }

    /**
     * Builds the runtime with the given tools; models load lazily, on the first agent that needs them.
     *
     * @throws IllegalStateException naming the key when the remote settings are incomplete
     */
    public static AgentRuntime create(LariatConfig config, ToolSources tools) {
        return create(config, tools, () -> { });
    }

    /**
     * The folder of agents' fixed prefixes kept on disk when {@code lariat.kv.prefix-dir} is absent, under the home
     * folder {@code home}: one place for the server and the CLI, so a CLI run and a server share the prefixes.
     */
    public static Path defaultPrefixDir(Path home) {
        return home.resolve(".lariat").resolve("cache").resolve("kv");
    }

    /**
     * Sets where and within what size {@code engine} keeps agents' fixed prefixes on disk, from
     * {@code lariat.kv.prefix-dir} (absent: {@link #defaultPrefixDir} of {@code home}) and
     * {@code lariat.kv.prefix-budget}: the one reading of those keys, for the server and the CLI alike.
     *
     * @return {@code engine}
     * @throws IllegalStateException naming the key when the budget is not a positive size
     */
    public static EngineOptions.Builder keepPrefixes(EngineOptions.Builder engine, LariatConfig.KvConfig kv,
                                                     Path home) {
        if (kv.prefixBudget().asLongValue() < 1) {
            throw new IllegalStateException("lariat.kv.prefix-budget: must be a positive size such as 1G, got "
                    + kv.prefixBudget().asLongValue());
        }
        return engine.prefixDir(kv.prefixDir().orElse(defaultPrefixDir(home)))
                .prefixBudget(kv.prefixBudget().asLongValue());
    }

    private static AgentRuntime create(LariatConfig config, ToolSources tools, Runnable closeOwned) {
        EngineOptions.Builder engine = keepPrefixes(EngineOptions.builder().precision(config.engine().precision())
                        .mmap(config.engine().mmap()),
                config.kv(), Path.of(System.getProperty("user.home")));
        config.threads().ifPresent(engine::threads);
        config.kv().memory().ifPresent(size -> {
            if (size.asLongValue() < 1) {
                throw new IllegalStateException("lariat.kv.memory: must be a positive size such as 4G, got "
                        + size.asLongValue());
            }
            engine.kvMemory(size.asLongValue());
        });
        LariatConfig.SchedulerConfig s = config.scheduler();
        ModelRegistry models = new ModelRegistry(engine.build(), new EmbeddedSettings(config.contextSize(),
                s.maxActive(), s.queueCapacity(), s.maxResidentCaches(), s.prefillChunk()));
        config.remote().url().ifPresent(url -> models.register(config.remote().model(), remote(config)));
        SessionStore sessions = new InMemorySessionStore(config.sessions().idleTimeout(),
                config.sessions().maxSessions(), Clock.systemUTC());
        tightWindowWarnings(config).forEach(LOG::warn);
        if (!LlamaEngine.vectorKernels()) {
            LOG.warn(SCALAR_KERNELS_WARNING);
        }
        return new AgentRuntime(config, Objects.requireNonNull(tools, "tools"), models, sessions, closeOwned);
    }

    /**
     * One warning per agent whose {@code max-tokens-per-turn} leaves fewer than {@link #MIN_PROMPT_TOKENS} tokens
     * of the context window for the prompt: every run of such an agent would end in a context overflow.
     */
    static List<String> tightWindowWarnings(LariatConfig config) {
        int window = config.context().window().orElse(config.contextSize());
        Map<String, Integer> perTurn = new TreeMap<>();
        perTurn.put(DEFAULT_AGENT, Agent.DEFAULT_MAX_TOKENS_PER_TURN);
        config.agents().forEach((name, agent) -> perTurn.put(name, agent.maxTokensPerTurn()));
        List<String> warnings = new ArrayList<>();
        perTurn.forEach((name, tokens) -> {
            if (window - tokens < MIN_PROMPT_TOKENS) {
                warnings.add(("agent '%s': max-tokens-per-turn %d leaves %d of the %d-token context window for the"
                        + " prompt, so every run will overflow; lower lariat.agents.%s.max-tokens-per-turn or raise"
                        + " lariat.context-size").formatted(name, tokens, Math.max(0, window - tokens), window, name));
            }
        });
        return warnings;
    }

    private static ModelBackend remote(LariatConfig config) {
        LariatConfig.RemoteConfig r = config.remote();
        var tokenizerFile = r.tokenizer().orElseThrow(() -> new IllegalStateException(
                "lariat.remote.tokenizer: a GGUF with the served model's tokenizer is required with lariat.remote.url"));
        Tokenizer tokenizer;
        try (GgufFile gguf = GgufFile.open(tokenizerFile)) {
            tokenizer = Tokenizer.fromGguf(gguf);
        }
        RemoteSettings.Mode mode = switch (r.mode().toLowerCase(Locale.ROOT)) {
            case "completions" -> RemoteSettings.Mode.COMPLETIONS;
            case "chat" -> RemoteSettings.Mode.CHAT;
            default -> throw new IllegalStateException("lariat.remote.mode: expected chat or completions, got '"
                    + r.mode() + "'");
        };
        return new RemoteBackend(new RemoteSettings(r.url().orElseThrow(), r.model(), r.apiKey().orElse(null), mode,
                r.timeout(), config.contextSize()), tokenizer);
    }

    /** The models of this process. */
    public ModelRegistry models() {
        return models;
    }

    /** The conversations of this process. */
    public SessionStore sessions() {
        return sessions;
    }

    /**
     * Adds an agent declared in code (the Quarkus extension's agent interfaces), built on first use like a
     * configured one. Its base is the agent of {@code lariat.agents.<name>} when configuration has that key (model,
     * limits, sampling, more tools), else the builder defaults on the default model, with the configured tool limits
     * ({@code lariat.tools.*}); {@code definition} then adds what the code declares, including limits of its own
     * (a tool timeout), which win. The runtime applies the context settings.
     *
     * @throws IllegalStateException when another declaration already uses the name
     */
    public synchronized void declare(String name, UnaryOperator<Agent.Builder> definition) {
        if (codeAgents.containsKey(name)) {
            throw new IllegalStateException("agent '" + name + "' is declared twice");
        }
        codeAgents.put(name, Objects.requireNonNull(definition, "definition"));
    }

    /**
     * The implementation of a built-in tool, configured from {@code lariat.search.*} and {@code lariat.calculator.*}.
     *
     * @throws IllegalArgumentException for a name that is not a built-in tool
     */
    public Object builtinTool(String name) {
        return tools.builtins().apply(name);
    }

    /** The names of the agents that can be run. */
    public synchronized Set<String> agentNames() {
        Set<String> names = new TreeSet<>(config.agents().keySet());
        names.addAll(codeAgents.keySet());
        names.add(DEFAULT_AGENT);
        return names;
    }

    /**
     * The named agent, built (and its model loaded) on first use.
     *
     * @throws AgentNotFoundException when no agent has that name
     * @throws ModelNotFoundException when its model cannot be found
     */
    public synchronized Agent agent(String name) {
        Agent agent = agents.get(name);
        if (agent == null) {
            agent = build(name);
            agents.put(name, agent);
        }
        return agent;
    }

    /**
     * The backend of a model reference, or of the {@link #defaultModel} (else the remote model) when null.
     *
     * @throws ModelNotFoundException when the reference resolves to nothing or no default is configured
     */
    public ModelBackend model(String reference) {
        String ref = reference != null ? reference : defaultModel().orElseGet(() -> config.remote().url()
                .map(u -> config.remote().model()).orElseThrow(() -> new ModelNotFoundException("(default)",
                        "no model configured; set lariat.model to a GGUF path or a model name")));
        return models.backend(ref);
    }

    /**
     * The model of agents that name none: {@code lariat.model}, else the application's {@link #fallbackModel}
     * (Lariat's server: the bundled demo model, as the CLI); empty when neither is set.
     */
    public synchronized Optional<String> defaultModel() {
        return config.model().or(() -> Optional.ofNullable(fallbackModel));
    }

    /**
     * Sets the model served when {@code lariat.model} is not set, before the application starts serving; the
     * configuration's model always wins.
     */
    public synchronized void fallbackModel(String reference) {
        fallbackModel = Objects.requireNonNull(reference, "reference");
    }

    private Agent build(String name) {
        AgentConfig declared = config.agents().get(name);
        Agent.Builder builder;
        if (declared != null) {
            builder = AgentDefinitions.builder(name, declared, model(declared.model().orElse(null)), tools);
        } else if (codeAgents.containsKey(name) || DEFAULT_AGENT.equals(name)) {
            builder = Agent.builder(name).backend(model(null));
        } else {
            throw new AgentNotFoundException(name, agentNames());
        }
        // the configured tool limits are the base: an agent declared in code keeps a limit it declares itself
        // (the analyst example's longer tool timeout), here as in the CLI
        builder.toolOptions(ToolOptions.builder().timeout(config.tools().timeout())
                        .maxOutputBytes(config.tools().maxOutputBytes()).build())
                .toolResultShare(config.context().toolResultShare());
        if (codeAgents.containsKey(name)) {
            builder = codeAgents.get(name).apply(builder);
        }
        config.context().window().ifPresent(builder::contextWindow);
        return builder.build();
    }

    @Override
    public void close() {
        sessions.close();
        models.close();
        closeOwned.run();
    }
}
