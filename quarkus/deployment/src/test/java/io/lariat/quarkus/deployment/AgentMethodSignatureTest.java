package io.lariat.quarkus.deployment;

import static io.lariat.quarkus.deployment.BuildFailures.failsWith;
import static org.junit.jupiter.api.Assertions.fail;

import io.lariat.quarkus.LariatAgent;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An agent interface method that does not take (sessionId, userMessage) fails the build. */
class AgentMethodSignatureTest {

    @LariatAgent(name = "shop")
    public interface ShopAgent {
        String ask(String message);
    }

    @RegisterExtension
    static final QuarkusUnitTest BUILD = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ShopAgent.class))
            .assertException(failsWith("AgentDeclarationException",
                    "ShopAgent#ask: an agent method takes (String sessionId, String userMessage)"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
