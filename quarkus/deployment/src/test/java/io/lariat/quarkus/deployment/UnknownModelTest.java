package io.lariat.quarkus.deployment;

import static io.lariat.quarkus.deployment.BuildFailures.failsWith;
import static org.junit.jupiter.api.Assertions.fail;

import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.ModelStores;
import io.quarkus.test.QuarkusUnitTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An application whose {@code lariat.model} resolves to nothing fails to start, naming every place looked. */
class UnknownModelTest {

    static final String MODEL = "no-such-model:7b";

    @RegisterExtension
    static final QuarkusUnitTest START = new QuarkusUnitTest()
            .withEmptyApplication()
            // surefire passes lariat.shared.dir, which is not a configuration key
            .overrideConfigKey("smallrye.config.mapping.validate-unknown", "false")
            .overrideConfigKey("lariat.model", MODEL)
            .assertException(failsWith("ModelNotFoundException", expectedMessage()));

    /** The stores of this machine's environment, as the application reads them. */
    private static String expectedMessage() {
        ModelStores stores = ModelStores.ofSystem();
        ModelName name = ModelName.parse(MODEL);
        return "model '" + MODEL + "' not found: no GGUF file " + Path.of(MODEL).toAbsolutePath()
                + "; no manifest " + stores.lariat().manifestPath(name) + " (Lariat's store)"
                + "; no manifest " + stores.ollama().manifestPath(name) + " (Ollama's store)"
                + "; served models are []";
    }

    @Test
    void startFails() {
        fail("the application should have failed to start");
    }
}
