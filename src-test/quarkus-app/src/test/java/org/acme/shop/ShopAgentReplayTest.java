package org.acme.shop;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The injected agent interface runs the shop's tool on a scripted model; the HTTP API lists the agent. */
@QuarkusTest
@TestProfile(ReplayProfile.class)
class ShopAgentReplayTest {

    @Inject
    ShopAgent shop;

    @Test
    void answersThroughTheToolBean() {
        assertEquals(ReplayModel.ANSWER, shop.ask("s1", "Where is my order A-10234?"));
    }

    @Test
    void agentIsServedWithItsTools() {
        given().get("/agents").then().statusCode(200)
                .body("find { it.name == 'concierge' }.tools.name", contains("convert_units", "lookup_order"))
                // the backend's own name: ReplayBackend reports itself as "replay"
                .body("find { it.name == 'concierge' }.model", equalTo("replay"));
    }
}
