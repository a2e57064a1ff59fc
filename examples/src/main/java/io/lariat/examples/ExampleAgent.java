package io.lariat.examples;

import io.lariat.agent.Agent;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.examples.analyst.AnalystAgent;
import io.lariat.examples.calculator.CalculatorAgent;
import io.lariat.examples.concierge.ConciergeAgent;
import io.lariat.examples.demo.ConciergeTools;
import io.lariat.examples.researcher.ResearcherAgent;
import io.lariat.tools.BuiltinTools;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The example agents {@code lariat agent NAME} runs, by name. */
public enum ExampleAgent {
    /** Arithmetic through {@code wolfram_alpha}. */
    CALCULATOR(CalculatorAgent.NAME),
    /** Answers from the bundled corpus through {@code brave_search}, citing sources. */
    RESEARCHER(ResearcherAgent.NAME),
    /** Computes with Python through {@code code_interpreter}. */
    ANALYST(AnalystAgent.NAME),
    /** Order lookups and unit conversions through custom Java tools. */
    CONCIERGE(ConciergeAgent.NAME);

    private final String agentName;

    ExampleAgent(String agentName) {
        this.agentName = agentName;
    }

    /** The name used on the command line. */
    public String agentName() {
        return agentName;
    }

    /** The example called {@code name}, if there is one. */
    public static Optional<ExampleAgent> named(String name) {
        return Arrays.stream(values()).filter(a -> a.agentName.equals(name)).findFirst();
    }

    /** Every example's name. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ExampleAgent::agentName).toList();
    }

    /** Builds this agent on {@code backend}, taking its tools from {@code tools}. */
    public Agent create(ModelBackend backend, LocalTools tools) {
        return switch (this) {
            case CALCULATOR -> CalculatorAgent.create(backend, tools.calculator());
            case RESEARCHER -> ResearcherAgent.create(backend, tools.search());
            case ANALYST -> AnalystAgent.create(backend, tools.codeInterpreter());
            case CONCIERGE -> ConciergeAgent.create(backend);
        };
    }

    /**
     * Adds this example's prompt, tools and limits to {@code builder} (the server's way: the built-ins as
     * configured, the concierge's tools as a bean).
     *
     * @param builtins  the implementation of a built-in tool name
     * @param concierge the concierge's tool object
     */
    public Agent.Builder define(Agent.Builder builder, Function<String, Object> builtins, ConciergeTools concierge) {
        return switch (this) {
            case CALCULATOR -> CalculatorAgent.define(builder, builtins.apply(BuiltinTools.CALCULATOR));
            case RESEARCHER -> ResearcherAgent.define(builder, builtins.apply(BuiltinTools.SEARCH));
            case ANALYST -> AnalystAgent.define(builder, builtins.apply(BuiltinTools.CODE_INTERPRETER));
            case CONCIERGE -> ConciergeAgent.define(builder, concierge);
        };
    }
}
