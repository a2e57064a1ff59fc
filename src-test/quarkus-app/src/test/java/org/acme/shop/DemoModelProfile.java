package org.acme.shop;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The application on Lariat's bundled demo model, run by the real engine. */
public class DemoModelProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lariat.model", System.getProperty("shop.demo-model"));
    }
}
