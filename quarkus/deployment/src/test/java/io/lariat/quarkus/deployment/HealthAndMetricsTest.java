package io.lariat.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.QuarkusUnitTest;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application that only adds the extension starts without an ERROR line, and has the extension's readiness check
 * and gauges.
 */
class HealthAndMetricsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            // surefire passes lariat.shared.dir, which is not a configuration key
            .overrideConfigKey("smallrye.config.mapping.validate-unknown", "false")
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.SEVERE.intValue())
            .assertLogRecords(records -> assertEquals(List.of(),
                    records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList()));

    @Test
    void readinessSaysNoModelIsConfigured() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Lariat model' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Lariat model' }.data.model", equalTo("none configured"));
    }

    @Test
    void metricsCountModelsAndAgents() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("lariat_models_loaded 0.0"))
                .body(containsString("lariat_agents 1.0"));
    }
}
