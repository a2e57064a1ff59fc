package io.lariat.cli;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.config.ToolSources;
import io.lariat.agent.store.ModelStores;
import io.lariat.examples.LocalTools;
import io.lariat.examples.demo.ConciergeTools;
import io.lariat.tools.BuiltinTools;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The server's CDI glue in the examples application: the offline built-in tools and the concierge's tools for
 * configured agents ({@code lariat.agents.<name>.builtin-tools}, {@code .tools}), and model names resolved through
 * Lariat's and Ollama's stores, so {@code lariat.model=llama3.1:8b} works as on the command line.
 */
@ApplicationScoped
public class ServerBeans {

    @Produces
    @Singleton
    LocalTools localTools() {
        return LocalTools.forServer();
    }

    void closeTools(@Disposes LocalTools tools) {
        tools.close();
    }

    @Produces
    @Singleton
    ToolSources toolSources(LocalTools tools) {
        ConciergeTools concierge = new ConciergeTools();
        return new ToolSources(Map.of(ConciergeTools.class.getSimpleName(), concierge,
                ConciergeTools.class.getName(), concierge), name -> switch (name) {
                    case BuiltinTools.CALCULATOR -> tools.calculator();
                    case BuiltinTools.SEARCH -> tools.search();
                    case BuiltinTools.CODE_INTERPRETER -> tools.codeInterpreter();
                    default -> throw new IllegalArgumentException("unknown built-in tool '" + name + "'");
                });
    }

    /** Runs before the served models preload {@code lariat.model}, which may be a stored model's name. */
    void resolveStoredModels(@Observes @Priority(1) StartupEvent start, AgentRuntime runtime) {
        runtime.models().addResolver(ModelStores.ofSystem().resolver());
    }
}
