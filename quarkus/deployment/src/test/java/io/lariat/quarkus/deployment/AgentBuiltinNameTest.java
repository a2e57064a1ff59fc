package io.lariat.quarkus.deployment;

import static io.lariat.quarkus.deployment.BuildFailures.failsWith;
import static org.junit.jupiter.api.Assertions.fail;

import io.lariat.quarkus.LariatAgent;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An agent interface naming a built-in tool that does not exist fails the build. */
class AgentBuiltinNameTest {

    @LariatAgent(name = "shop", builtins = "calculator")
    public interface ShopAgent {
        String ask(String sessionId, String message);
    }

    @RegisterExtension
    static final QuarkusUnitTest BUILD = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ShopAgent.class))
            .assertException(failsWith("AgentDeclarationException", "ShopAgent: builtins: 'calculator' is not a "
                    + "built-in tool; expected one of brave_search, code_interpreter, wolfram_alpha"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
