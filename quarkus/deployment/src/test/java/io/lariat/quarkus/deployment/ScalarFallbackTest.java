package io.lariat.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lariat.engine.LlamaEngine;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application in a JVM started without {@code --add-modules jdk.incubator.vector} (this module's
 * {@code without-vector-module} surefire execution): it starts with one WARN line saying how to enable the fast path
 * and no ERROR line, and its agent answers on the bundled demo model through the scalar kernels.
 */
class ScalarFallbackTest {

    static final Path DEMO_MODEL = Path.of("../../examples/src/main/resources/models/lariat-demo.gguf")
            .toAbsolutePath().normalize();
    static final String WARNING = "Lariat computes on its scalar kernels, several times slower than its Vector API"
            + " kernels (and lariat.engine.precision=fast computes exactly): this JVM was started without the"
            + " jdk.incubator.vector module; add --add-modules jdk.incubator.vector to the java command line (or"
            + " JDK_JAVA_OPTIONS, or surefire's argLine) to enable the fast path";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            // surefire passes lariat.shared.dir, which is not a configuration key
            .overrideConfigKey("smallrye.config.mapping.validate-unknown", "false")
            .overrideConfigKey("lariat.model", DEMO_MODEL.toString())
            .overrideConfigKey("lariat.kv.memory", "256M")
            .overrideConfigKey("lariat.agents.default.max-tokens-per-turn", "4")
            // the scalar kernels evaluate the prompt several times slower: no 30-second request limit on a busy machine
            .overrideConfigKey("quarkus.http.test-timeout", "10m")
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(ScalarFallbackTest::oneWarningAndNoError);

    private static void oneWarningAndNoError(List<LogRecord> records) {
        if (LlamaEngine.vectorKernels()) {
            return;
        }
        List<String> lariat = records.stream().filter(r -> r.getLoggerName().startsWith("io.lariat"))
                .map(LogRecord::getMessage).toList();
        assertEquals(List.of(WARNING), lariat);
        assertEquals(List.of(), records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
    }

    @Test
    void answersOnTheScalarKernels() {
        Assumptions.assumeFalse(LlamaEngine.vectorKernels(),
                "this JVM has the Vector API module; the without-vector-module execution runs this test");
        String session = given().post("/agents/default/sessions").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"content\": \"Hello\", \"stream\": false}")
                .post("/agents/default/sessions/" + session + "/messages").then().statusCode(200)
                .body("stats.prompt_tokens_evaluated", greaterThan(0))
                .body("stats.generated_tokens", greaterThan(0));
    }
}
