package org.acme.shop;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The application on the scripted model. */
public class ReplayProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lariat.model", ReplayModel.NAME);
    }
}
