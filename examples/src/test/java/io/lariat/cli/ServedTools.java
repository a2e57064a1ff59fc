package io.lariat.cli;

import io.lariat.agent.AgentRuntime;
import io.lariat.tools.ToolContext;
import io.lariat.tools.ToolResult;
import java.time.Duration;

/** Runs one tool of a served agent, exactly as the agent's runs call it. */
final class ServedTools {
    private ServedTools() {
    }

    static ToolResult call(AgentRuntime runtime, String agent, String tool, String argumentsJson) {
        try (ToolContext context = new ToolContext("served-tools-test")) {
            return runtime.agent(agent).tools().invokeJson(tool, argumentsJson, context).await()
                    .atMost(Duration.ofMinutes(1));
        }
    }

    static String description(AgentRuntime runtime, String agent, String tool) {
        return runtime.agent(agent).tools().definition(tool).orElseThrow().description();
    }
}
