package io.lariat.quarkus.runtime;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.Session;
import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.chat.ModelDetails;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.http.AgentResource;
import io.lariat.agent.http.agent.AgentStream;
import io.lariat.agent.http.agent.AgentWire;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.model.KvCacheStats;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The JSON-RPC methods of the extension's Dev UI card (dev mode only): the agents with their tools and JSON Schemas
 * (as {@code GET /agents} lists them), the loaded models with their memory, and a chat that streams an agent's run
 * as the agent API's SSE frames ({@code token}, {@code tool_call}, {@code tool_result}, {@code final}, ...).
 */
public class DevUiService {

    @Inject
    AgentRuntime runtime;

    @Inject
    ServedModels models;

    @Inject
    AgentResource agents;

    /** A loaded model: its file, its KV cache's budget and allocated memory in bytes, and the kernels it runs on. */
    public record ModelInfo(String name, String family, String parameterSize, String quantization,
                            long fileBytes, int contextLength, boolean vectorKernels, long kvBudgetBytes,
                            long kvAllocatedBytes) {
    }

    /** An agent as {@code GET /agents} lists it, each tool's JSON Schema as JSON text. */
    public record AgentView(String name, String model, String systemPrompt, List<ToolView> tools, String error) {
    }

    /** A tool of an agent; {@code schema} is its parameters' JSON Schema as JSON text. */
    public record ToolView(String name, String description, boolean builtin, String schema) {
    }

    /**
     * Every agent with its model, system prompt and tools; building an agent loads its model. The schemas travel
     * as text: the Dev UI's JSON-RPC codec would write a Jackson tree as a bean.
     */
    public List<AgentView> getAgents() {
        return agents.list().stream().map(DevUiService::view).toList();
    }

    /** The loaded models. */
    public List<ModelInfo> getModels() {
        return models.all().stream().map(DevUiService::info).toList();
    }

    /**
     * Runs {@code message} in session {@code sessionId} of {@code agent} (created on first use), streaming the
     * run's SSE frames; the run starts on a worker thread, never on the event loop.
     */
    public Multi<String> chat(String agent, String sessionId, String message) {
        return AgentStream.frames(Multi.createFrom().deferred(() -> {
            Session session = runtime.sessions().getOrCreate(sessionId);
            return runtime.agent(agent).run(session, message);
        })).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static AgentView view(AgentWire.AgentInfo agent) {
        return new AgentView(agent.name(), agent.model(), agent.systemPrompt(), agent.tools().stream()
                .map(t -> new ToolView(t.name(), t.description(), t.builtin(), t.parameters().toString())).toList(),
                agent.problem());
    }

    private static ModelInfo info(ServedModel model) {
        ModelDetails d = model.details();
        long budget = 0;
        long inUse = 0;
        if (model.backend() instanceof EmbeddedBackend embedded) {
            KvCacheStats kv = embedded.engine().kvCache().stats();
            budget = kv.budgetBytes();
            inUse = (long) kv.allocated() * kv.blockBytes();
        }
        return new ModelInfo(model.name(), d.family(), d.parameterSize(), d.quantizationLevel(), d.sizeBytes(),
                d.contextLength(), LlamaEngine.vectorKernels(), budget, inUse);
    }
}
