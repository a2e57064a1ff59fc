package io.lariat.examples.researcher;

import io.lariat.agent.Agent;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.examples.demo.DemoAgent;
import io.lariat.tools.BuiltinTools;

/**
 * The {@code researcher} example: {@code brave_search} answered offline by a Lucene index.
 *
 * <p>The search tool returns the compact JSON list (title, url, snippet) Llama 3.1 expects; the system prompt asks
 * the model to cite the source it answered from. Point {@code lariat.search.index-dir} at your own documents, or
 * configure a Brave API key, and the same agent searches those instead.
 */
public final class ResearcherAgent {
    /** The name on the command line: {@code lariat agent researcher "..."}. */
    public static final String NAME = "researcher";

    private ResearcherAgent() {
    }

    /** The agent on {@code backend}, searching with {@code search}. */
    public static Agent create(ModelBackend backend, BriefSearch search) {
        return define(Agent.builder(NAME).backend(backend), search).build();
    }

    /**
     * Adds this example's prompt, tool and limits to {@code builder}.
     *
     * @param search the {@code brave_search} implementation (a local index, or the Brave API)
     */
    public static Agent.Builder define(Agent.Builder builder, Object search) {
        return builder
                .systemPrompt(DemoAgent.RESEARCHER.systemPrompt())
                .builtin(BuiltinTools.SEARCH)
                .builtinTools(search)
                .sampling(DemoAgent.SAMPLING)
                .maxIterations(4);
    }
}
