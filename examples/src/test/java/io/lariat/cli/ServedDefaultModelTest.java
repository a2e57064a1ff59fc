package io.lariat.cli;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lariat.agent.AgentRuntime;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code lariat serve} without {@code --model} serves the bundled demo model, as {@code lariat agent} runs on it. */
@QuarkusTest
@TestProfile(ServerProfiles.NoModel.class)
class ServedDefaultModelTest {

    @Inject
    AgentRuntime runtime;

    @Test
    void theDemoModelIsTheDefaultAndServed() {
        Path demo = DemoModel.find(Path.of(System.getProperty("user.home"))).orElseThrow();
        assertEquals(Optional.of(demo.toString()), runtime.defaultModel());
        // the examples' agents run on it instead of failing with "no model configured"
        assertEquals("lariat-demo", runtime.agent("calculator").backend().name());
        given().get("/api/ps").then().statusCode(200).body("models.name", hasItem("lariat-demo"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
