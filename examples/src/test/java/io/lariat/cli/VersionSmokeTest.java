package io.lariat.cli;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class VersionSmokeTest {
    @Test
    void versionEndpointAnswers() {
        given().get("/api/version").then().statusCode(200).body("version", is("0.1.0"));
    }
}
