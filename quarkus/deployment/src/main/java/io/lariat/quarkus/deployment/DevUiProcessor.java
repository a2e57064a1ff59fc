package io.lariat.quarkus.deployment;

import io.lariat.quarkus.runtime.DevUiService;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Lariat card of the Dev UI: the agents and their tools with JSON Schemas, the loaded models and their memory,
 * and a chat panel that runs an agent and shows its tool calls and results as they happen. Dev mode only.
 */
class DevUiProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card() {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder().title("Agents").icon("font-awesome-solid:robot")
                .componentLink("qwc-lariat-agents.js"));
        card.addPage(Page.webComponentPageBuilder().title("Models").icon("font-awesome-solid:microchip")
                .componentLink("qwc-lariat-models.js"));
        card.addPage(Page.webComponentPageBuilder().title("Chat").icon("font-awesome-solid:comments")
                .componentLink("qwc-lariat-chat.js"));
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem service() {
        return new JsonRPCProvidersBuildItem(DevUiService.class);
    }
}
