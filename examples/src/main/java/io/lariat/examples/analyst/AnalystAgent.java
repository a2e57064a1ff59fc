package io.lariat.examples.analyst;

import io.lariat.agent.Agent;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.examples.demo.DemoAgent;
import io.lariat.tools.BuiltinTools;
import io.lariat.tools.builtin.CodeInterpreterTool;
import java.time.Duration;

/**
 * The {@code analyst} example: Python computed in the GraalPy sandbox through {@code code_interpreter}.
 *
 * <p>Enabling {@code code_interpreter} adds only {@code Environment: ipython} to the prompt (spec: it is implied by
 * the environment line). The model writes raw Python after {@code <|python_tag|>}; variables persist between calls
 * of one session, like a notebook, and are discarded when the session closes.
 */
public final class AnalystAgent {
    /** The name on the command line: {@code lariat agent analyst "..."}. */
    public static final String NAME = "analyst";

    private AnalystAgent() {
    }

    /** The agent on {@code backend}, running Python with {@code python}. */
    public static Agent create(ModelBackend backend, CodeInterpreterTool python) {
        return define(Agent.builder(NAME).backend(backend), python).build();
    }

    /**
     * Adds this example's prompt, tool and limits to {@code builder}.
     *
     * @param python the {@code code_interpreter} implementation
     */
    public static Agent.Builder define(Agent.Builder builder, Object python) {
        return builder
                .systemPrompt(DemoAgent.ANALYST.systemPrompt())
                .builtin(BuiltinTools.CODE_INTERPRETER)
                .builtinTools(python)
                // The first call of a process pays GraalPy's start-up; give it more than the default 30 s.
                .toolTimeout(Duration.ofMinutes(2))
                .sampling(DemoAgent.SAMPLING)
                .maxIterations(6)
                .turnTimeout(Duration.ofMinutes(5));
    }
}
