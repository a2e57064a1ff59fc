package io.lariat.cli;

import io.lariat.agent.AgentRuntime;
import io.lariat.examples.ExampleAgent;
import io.lariat.examples.LocalTools;
import io.lariat.examples.demo.ConciergeTools;
import io.lariat.tools.BuiltinTools;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * {@code lariat serve} serves the four example agents ({@code GET /agents}, {@code POST /agents/calculator}, ...)
 * next to the default agent and those of {@code lariat.agents.*}.
 *
 * <p>Each example has one definition, used here as by {@code lariat agent}: its prompt, tools, sampling and limits
 * (the analyst's longer tool timeout too). The server is one more application built with the extension, so the
 * examples take their tools as any application's agents do: the built-ins from the runtime, configured by
 * {@code lariat.search.*}, {@code lariat.calculator.*} and {@code lariat.python.*}, and the concierge's tools as a
 * CDI bean. One exception keeps the served researcher the CLI's: while {@code lariat.search.*} is at its defaults, it
 * searches with the CLI's brief search (two results, one sentence each, over the sample corpus), the results the
 * bundled demo model was trained on; any search key set gives it the configured search. Keys under
 * {@code lariat.agents.<example>.*} tune an example (model, limits, token budget).
 */
@ApplicationScoped
public class ServedExamples {
    /** The keys of {@link io.lariat.agent.config.LariatConfig.SearchConfig}. */
    private static final List<String> SEARCH_KEYS = List.of("lariat.search.index-dir", "lariat.search.folders",
            "lariat.search.sample-corpus", "lariat.search.results", "lariat.search.brave-api-key");

    /** The CLI's own tools; only its brief search is used, created on first use. */
    private final LocalTools local = new LocalTools();

    void declare(@Observes StartupEvent start, AgentRuntime runtime, ConciergeTools concierge, Config config) {
        // the tool registry reads @Tool methods off the bean's own class, not its client proxy's
        ConciergeTools tools = ClientProxy.unwrap(concierge);
        boolean brief = SEARCH_KEYS.stream().noneMatch(key -> isSet(config, key));
        Function<String, Object> builtins = name -> brief && name.equals(BuiltinTools.SEARCH) ? local.search()
                : runtime.builtinTool(name);
        for (ExampleAgent example : ExampleAgent.values()) {
            runtime.declare(example.agentName(), builder -> example.define(builder, builtins, tools));
        }
    }

    /** Whether a source sets {@code key}: defaults ({@code @WithDefault}) come from sources of negative ordinal. */
    private static boolean isSet(Config config, String key) {
        ConfigValue value = config.getConfigValue(key);
        return value.getRawValue() != null && value.getSourceOrdinal() >= 0;
    }

    @PreDestroy
    void close() {
        local.close();
    }
}
