package org.acme.shop;

import io.lariat.agent.AgentEvent;
import io.lariat.quarkus.LariatAgent;
import io.smallrye.mutiny.Multi;

/** The shop's agent: Lariat implements it; inject it anywhere. */
@LariatAgent(name = "concierge",
        systemPrompt = "You are a shop concierge. Use the tools to look up orders and convert units.",
        tools = ShopTools.class)
public interface ShopAgent {

    /** The final answer to one message of the session. */
    String ask(String sessionId, String message);

    /** The whole run: tokens, tool calls and results, the answer. */
    Multi<AgentEvent> stream(String sessionId, String message);
}
