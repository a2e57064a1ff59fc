package io.lariat.quarkus.deployment;

import io.lariat.quarkus.LariatAgent;

/** The agent of {@link DevUiTest}'s application. */
@LariatAgent(name = "shop", systemPrompt = "You help customers of the shop.", tools = DevUiShopTools.class)
public interface DevUiShopAgent {
    String ask(String sessionId, String message);
}
