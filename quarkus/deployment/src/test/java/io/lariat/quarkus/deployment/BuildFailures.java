package io.lariat.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Consumer;

/** Assertions on the exception a failed Quarkus build reports. */
final class BuildFailures {

    private BuildFailures() {
    }

    /**
     * Expects the build to fail with an exception of the given simple class name and exact message somewhere in
     * its cause chain (the build wraps it; the class is compared by name because the build loads it in its own
     * class loader).
     */
    static Consumer<Throwable> failsWith(String exceptionClass, String message) {
        return thrown -> {
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                if (t.getClass().getSimpleName().equals(exceptionClass)) {
                    assertEquals(message, t.getMessage());
                    return;
                }
            }
            fail("expected " + exceptionClass + " in the cause chain of " + thrown);
        };
    }
}
