package io.lariat.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.kernels.KernelPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A JVM started without the Vector API module runs the model on the scalar kernels, never touching a class of that
 * module (it would fail with {@code NoClassDefFoundError}), and computes the logits this JVM's Vector API kernels do.
 */
class ScalarPathTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(names = {"F16", "Q8_0", "Q4_K", "Q6_K"})
    void aJvmWithoutTheVectorModuleComputesTheSameLogits(GgmlType type) throws IOException, InterruptedException {
        Assumptions.assumeTrue(KernelPath.current() == KernelPath.VECTOR,
                "this JVM runs the scalar path itself: nothing to compare with");
        Path model = QuantizedModelTest.randomModel(dir.resolve("model.gguf"), type);
        float[][] expected = QuantizedModelTest.run(model);
        List<String> lines = runWithoutVectorModule(model);
        assertEquals("SCALAR", lines.get(0));
        assertEquals("false", lines.get(1));
        for (int step = 0; step < expected.length; step++) {
            String[] logits = lines.get(2 + step).split(" ");
            assertEquals(expected[step].length, logits.length);
            double scale = 0;
            for (float logit : expected[step]) {
                scale = Math.max(scale, Math.abs(logit));
            }
            for (int id = 0; id < logits.length; id++) {
                assertEquals(expected[step][id], Float.parseFloat(logits[id]), 1e-4 * scale + 1e-4,
                        type + " step " + step + " token " + id);
            }
        }
    }

    private static List<String> runWithoutVectorModule(Path model) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ScalarPathMain.class.getName(), model.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(2, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("the scalar-path JVM did not finish");
        }
        assertEquals(0, child.exitValue(), "the scalar-path JVM failed; its output: " + out);
        return out.lines().toList();
    }
}
