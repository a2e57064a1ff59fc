package io.lariat.quarkus.deployment;

import io.lariat.tools.Tool;
import jakarta.enterprise.context.ApplicationScoped;

/** The tool bean of {@link DevUiTest}'s application (top level: a dev-mode application holds only its own classes). */
@ApplicationScoped
public class DevUiShopTools {
    @Tool("Look up an order's status")
    public String lookupOrder(String id) {
        return id + ": shipped";
    }
}
