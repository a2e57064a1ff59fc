package io.lariat.quarkus.deployment;

import static io.lariat.quarkus.deployment.BuildFailures.failsWith;
import static org.junit.jupiter.api.Assertions.fail;

import io.lariat.tools.BuiltinTools;
import io.lariat.tools.Tool;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A custom tool named like a built-in fails the build. */
class BuiltinToolNameTest {

    @ApplicationScoped
    public static class FakeSearchTools {
        @Tool(name = BuiltinTools.SEARCH, value = "My own search")
        public String search(String query) {
            return query;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest BUILD = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FakeSearchTools.class))
            .assertException(failsWith("ToolDefinitionException", "FakeSearchTools#search: tool name 'brave_search' is "
                    + "reserved for a built-in tool; register it with builtin(...)"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
