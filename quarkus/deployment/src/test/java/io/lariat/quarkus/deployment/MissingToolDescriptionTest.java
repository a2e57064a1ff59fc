package io.lariat.quarkus.deployment;

import static io.lariat.quarkus.deployment.BuildFailures.failsWith;
import static org.junit.jupiter.api.Assertions.fail;

import io.lariat.tools.Tool;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A tool without a description fails the build. */
class MissingToolDescriptionTest {

    @ApplicationScoped
    public static class SilentTools {
        @Tool(" ")
        public String ping() {
            return "pong";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest BUILD = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SilentTools.class))
            .assertException(failsWith("ToolDefinitionException",
                    "SilentTools#ping: tool 'ping' needs a description (@Tool value)"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
