package io.lariat.agent.config;

import io.lariat.tools.builtin.python.CodeInterpreter;
import io.lariat.tools.builtin.python.PythonLimits;

/** Maps {@code lariat.python.*} onto the Python sandbox's builder: the one place these settings take effect. */
public final class PythonSandboxes {

    private PythonSandboxes() {
    }

    /**
     * A code interpreter builder with the configured limits, budget and warm pool.
     *
     * @throws IllegalArgumentException naming the key when a value is out of range
     */
    public static CodeInterpreter.Builder builder(LariatConfig.PythonConfig python) {
        try {
            PythonLimits limits = PythonLimits.defaults().withCpuTime(python.cpuTime())
                    .withWallTime(python.wallTime()).withMemoryBytes(python.workerMemory().asLongValue());
            return CodeInterpreter.builder().limits(limits).warmWorkers(python.warmWorkers())
                    .maxWorkers(python.maxWorkers()).memoryBudget(python.memory().asLongValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keyed(e.getMessage()), e);
        }
    }

    // The builder names its own components; the reader of a start-up failure needs the key.
    private static String keyed(String message) {
        String[][] names = {{"cpuTime", "cpu-time"}, {"wallTime", "wall-time"}, {"memoryBytes", "worker-memory"},
                {"warmWorkers", "warm-workers"}, {"maxWorkers", "max-workers"}, {"memoryBudget", "memory"}};
        for (String[] name : names) {
            if (message.startsWith(name[0] + " ")) {
                return "lariat.python." + name[1] + message.substring(name[0].length());
            }
        }
        return message;
    }
}
