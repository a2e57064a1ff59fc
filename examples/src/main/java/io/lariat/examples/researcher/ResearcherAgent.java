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
        return Agent.builder(NAME)
                .systemPrompt(DemoAgent.RESEARCHER.systemPrompt())
                .backend(backend)
                .builtin(BuiltinTools.SEARCH)
                .builtinTools(search)
                .sampling(DemoAgent.SAMPLING)
                .maxIterations(4)
                .build();
    }
}
