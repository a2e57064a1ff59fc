package io.lariat.quarkus.deployment;

import static io.lariat.quarkus.deployment.BuildFailures.failsWith;
import static org.junit.jupiter.api.Assertions.fail;

import io.lariat.tools.Tool;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A tool parameter whose type has no JSON Schema fails the build. */
class UnsupportedToolParameterTest {

    @ApplicationScoped
    public static class ThreadTools {
        @Tool("Starts a thread")
        public String start(Thread thread) {
            return thread.getName();
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest BUILD = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ThreadTools.class))
            .assertException(failsWith("ToolDefinitionException", "ThreadTools#start: parameter 'thread' has "
                    + "Thread: unsupported type java.lang.Thread (use a scalar, enum, collection, Map<String, T>, "
                    + "record or POJO)"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
