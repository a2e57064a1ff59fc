package io.lariat.agent.config;

import io.lariat.engine.Precision;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every {@code lariat.*} configuration key; the javadoc of each accessor is the reference for its key.
 *
 * <p>Nested groups map to dotted keys ({@code sessions().idleTimeout()} is {@code lariat.sessions.idle-timeout}).
 * Defaults live only in {@code @WithDefault}. Invalid values fail startup naming the key.
 */
@ConfigMapping(prefix = "lariat")
public interface LariatConfig {

    /** Default model: a GGUF file path, or a model name such as {@code llama3.1:8b}; absent means none loaded. */
    Optional<String> model();

    /** Context window in tokens of each session; at most the model's trained context. */
    @WithDefault("8192")
    int contextSize();

    /** Threads the engine's kernels use; absent means one per available core. */
    OptionalInt threads();

    /** How the embedded engine computes. */
    EngineConfig engine();

    /** The generation scheduler of each model. */
    SchedulerConfig scheduler();

    /** The key/value cache of each embedded model. */
    KvConfig kv();

    /** Conversation sessions. */
    SessionsConfig sessions();

    /** Context management. */
    ContextConfig context();

    /** A remote OpenAI-compatible server used instead of the embedded engine. */
    RemoteConfig remote();

    /** Limits applied to every tool call. */
    ToolsConfig tools();

    /** Pulling models over HTTP ({@code POST /api/pull}). */
    PullConfig pull();

    /** The built-in search tool. */
    SearchConfig search();

    /** The built-in calculator. */
    CalculatorConfig calculator();

    /** The built-in Python sandbox ({@code code_interpreter}). */
    PythonConfig python();

    /** Agents declared in configuration, keyed by name ({@code lariat.agents.<name>.*}). */
    Map<String, AgentConfig> agents();

    /** The HTTP server's connections. */
    HttpConfig http();

    /** Responses kept by OpenAI's Responses API ({@code POST /v1/responses}). */
    ResponsesConfig responses();

    /** Responses kept for {@code previous_response_id}, {@code GET} and {@code DELETE /v1/responses/{id}}. */
    interface ResponsesConfig {
        /**
         * Responses kept in memory at most (those created with {@code "store": true}, the API's default); one more
         * forgets the least recently used, after which continuing from it answers 404.
         */
        @WithDefault("256")
        int maxStored();
    }

    /** The HTTP server's connections; request sizes and the in-request idle time are Quarkus's own keys. */
    interface HttpConfig {
        /**
         * How long a connection with no request in progress (new, or kept alive after a response) has to deliver a
         * complete request head, counted from its opening or its last response, before it is closed: a deadline, so
         * neither half-open connections that stop nor slow-loris clients that trickle bytes hold it longer.
         */
        @WithDefault("10s")
        Duration headerTimeout();
    }

    /** How the embedded engine computes. */
    interface EngineConfig {
        /**
         * {@code exact}: float activations against the weights as stored (every type within 0.02 of an exact
         * reference); {@code fast} (the default): Q4_0, Q4_K, Q6_K and Q8_0 matrices at least about 1,024 columns wide
         * repacked once (cached under {@code ~/.lariat/cache/packed}) and multiplied with activations quantized to
         * 8 bits, like llama.cpp (within 1.5 times llama.cpp's own distance from the exact reference on every shared
         * golden model); other matrices stay exact.
         */
        @WithDefault("fast")
        Precision precision();

        /**
         * {@code true}: weights are read through mappings of the model file and of its packed copy (loading costs
         * nothing, and processes share the pages); {@code false}: they are read into the server's own memory at
         * load (like llama.cpp's {@code --no-mmap}), which takes longer and keeps them from being evicted and faulted
         * back in while decoding. {@code lariat serve --no-mmap} sets it to false.
         */
        @WithDefault("true")
        boolean mmap();
    }

    /** How sessions share the key/value cache of a model. */
    interface KvConfig {
        /**
         * Memory for the KV cache blocks of all sessions of one model, e.g. {@code 4G}; blocks of prompt prefixes no
         * session holds stay cached within it, least recently used first. Absent means half the physical memory
         * free when the model loads (at most three quarters of the JVM's direct-memory limit, at least 64M); the
         * size is logged when the model loads.
         */
        Optional<MemorySize> memory();

        /**
         * Folder where each agent's fixed prefix (system prompt and tools) is kept as KV blocks, per model and
         * precision, so that the next run starts with it evaluated; absent means {@code ~/.lariat/cache/kv} (the
         * home folder is only known at run time).
         */
        Optional<Path> prefixDir();

        /**
         * Most the files of {@link #prefixDir()} may take together, all models included; after each write the least
         * recently used (written or read) files beyond it are deleted, and a prefix larger than it is not kept.
         */
        @WithDefault("1G")
        MemorySize prefixBudget();
    }

    /** How concurrent generations share one model. */
    interface SchedulerConfig {
        /**
         * Generations decoded concurrently on one model: each scheduler step is one forward pass for all of them
         * (continuous batching). Together with {@code queue-capacity}, the model's one admission point.
         */
        @WithDefault("4")
        int maxActive();

        /**
         * Tokens per batched step, the decoding generations' ids included, while other generations are decoding: a
         * long prompt is prefilled in chunks between their tokens instead of freezing them. Alone, a prompt is
         * evaluated in whole batches. Larger chunks prefill faster; smaller ones keep the other streams flowing.
         * At least 1.
         */
        @WithDefault("64")
        int prefillChunk();

        /**
         * KV caches kept per model (one per recent conversation, each of {@code lariat.context-size} tokens); the
         * least recently used idle one is freed beyond that and rebuilt by re-prefill. At least {@code max-active}.
         */
        @WithDefault("8")
        int maxResidentCaches();

        /**
         * Generations allowed to wait for a free slot; beyond that a request fails as overloaded (HTTP 429) at
         * once, before its first token.
         */
        @WithDefault("32")
        int queueCapacity();
    }

    /** Where conversations live and when they end. */
    interface SessionsConfig {
        /** A session unused for this long is removed and its KV cache and tool state released. */
        @WithDefault("30m")
        Duration idleTimeout();

        /** Sessions kept at most; opening one more evicts the least recently used. */
        @WithDefault("64")
        int maxSessions();
    }

    /** How a conversation is kept inside its context window. */
    interface ContextConfig {
        /** A window smaller than {@code lariat.context-size} at which old turns are dropped; absent means the same. */
        OptionalInt window();

        /** Largest share of the window a single tool result may take; longer results are cut with a marker. */
        @WithDefault("0.25")
        double toolResultShare();
    }

    /** A remote server speaking the OpenAI API (vLLM, llama-server, Ollama). */
    interface RemoteConfig {
        /** Base URL, e.g. {@code http://localhost:8080}; absent means the embedded engine is used. */
        Optional<URI> url();

        /** The model name sent to the server. */
        @WithDefault("default")
        String model();

        /** Bearer token sent to the server, if it needs one. */
        Optional<String> apiKey();

        /**
         * {@code completions} sends Lariat's own rendering as token ids to {@code /v1/completions} (needs
         * {@code tokenizer}); {@code chat} uses {@code /v1/chat/completions} with tools.
         */
        @WithDefault("chat")
        String mode();

        /** A GGUF file (vocab-only is enough) with the model's tokenizer, for token accounting and raw mode. */
        Optional<Path> tokenizer();

        /** Time limit of one request to the server. */
        @WithDefault("5m")
        Duration timeout();
    }

    /** Pulling models over HTTP ({@code POST /api/pull}). */
    interface PullConfig {
        /**
         * The registries {@code /api/pull} may download from, as {@code https://host[:port]} (or {@code http://}
         * for a request with {@code "insecure": true}); the host of the model's name picks the registry, and any
         * other is refused with 403.
         */
        @WithDefault("https://registry.ollama.ai")
        List<URI> registries();
    }

    /** Limits applied to every tool call. */
    interface ToolsConfig {
        /** Per-call limit; past it, the tool result says the call timed out. */
        @WithDefault("30s")
        Duration timeout();

        /** Results longer than this many UTF-8 bytes are cut, and the result says so. */
        @WithDefault("16384")
        int maxOutputBytes();
    }

    /** The built-in search tool ({@code brave_search}). */
    interface SearchConfig {
        /** Directory of the local Lucene index searched when no Brave API key is set; absent means in memory. */
        Optional<Path> indexDir();

        /** Folders whose documents are added to the local index at startup. */
        Optional<List<Path>> folders();

        /** Whether the bundled sample corpus is indexed. */
        @WithDefault("true")
        boolean sampleCorpus();

        /** Results returned per search, 1 to 20. */
        @WithDefault("5")
        int results();

        /** Brave Search API key; when set, searches go to the Brave API. */
        Optional<String> braveApiKey();
    }

    /** The built-in calculator ({@code wolfram_alpha}). */
    interface CalculatorConfig {
        /** Wolfram Alpha app id; when set, queries go to Wolfram Alpha instead of the local evaluator. */
        Optional<String> wolframAppId();
    }

    /**
     * The Python sandbox: each session with Python state has a worker process of its own, with a hard heap limit and
     * OS limits, killed when a run passes its limits; all workers together stay within a budget.
     */
    interface PythonConfig {
        /** Worker processes alive at once, warm ones included; a session beyond it gets a clear tool error. */
        @WithDefault("8")
        int maxWorkers();

        /** Memory all workers together may count, each its {@code worker-memory} plus about 160 MiB of runtime. */
        @WithDefault("4G")
        MemorySize memory();

        /** Heap of one worker (its {@code -Xmx}): the most Python objects one session may keep; at least 64M. */
        @WithDefault("256M")
        MemorySize workerMemory();

        /** Started workers kept ready, standard modules preloaded, so a session's first call is fast. */
        @WithDefault("2")
        int warmWorkers();

        /** CPU time one run may use before its worker is killed and the session's state lost. */
        @WithDefault("10s")
        Duration cpuTime();

        /** Elapsed time one run may take (bounds sleeping) before its worker is killed. */
        @WithDefault("20s")
        Duration wallTime();
    }
}
