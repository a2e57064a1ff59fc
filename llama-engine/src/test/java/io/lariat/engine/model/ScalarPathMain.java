package io.lariat.engine.model;

import io.lariat.engine.kernels.KernelPath;
import java.nio.file.Path;

/**
 * Run by {@link ScalarPathTest} in a JVM started without {@code --add-modules jdk.incubator.vector}: prints the
 * kernel path, whether the module is in the boot layer, then the logits {@link QuantizedModelTest#run} computes for
 * the model file given, one step per line.
 */
public final class ScalarPathMain {
    private ScalarPathMain() {
    }

    public static void main(String[] args) {
        System.out.println(KernelPath.current());
        System.out.println(ModuleLayer.boot().findModule(KernelPath.MODULE).isPresent());
        for (float[] step : QuantizedModelTest.run(Path.of(args[0]))) {
            StringBuilder line = new StringBuilder();
            for (float logit : step) {
                line.append(logit).append(' ');
            }
            System.out.println(line.toString().trim());
        }
    }
}
