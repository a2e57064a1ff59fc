package io.lariat.examples.demo;

/**
 * Command line that trains and exports the bundled demo model (see {@link DemoTrainingRun}).
 *
 * <pre>
 * java ... io.lariat.examples.demo.TrainDemo --vocab ../shared/testdata/llama31-vocab.gguf \
 *     --out examples/src/main/resources/models/lariat-demo.gguf --seed 1 --steps 1500
 * </pre>
 * Options: {@code --per-agent N} training conversations per agent, {@code --held-out N} per agent,
 * {@code --batch N}, {@code --threads N}, {@code --checkpoint FILE} (resumed when it exists, written every
 * {@code --checkpoint-every N} steps), {@code --size demo|tiny}, {@code --dim N} (width, overriding the size's;
 * the FFN keeps its ratio), {@code --layers N} (blocks, overriding the size's), {@code --kv-heads N} (key/value
 * heads, overriding the size's), {@code --lr X}, {@code --word-drills N}, {@code --init MODEL.gguf} (fine-tune an
 * exported model instead of starting from random weights).
 */
public final class TrainDemo {

    private TrainDemo() {
    }

    public static void main(String[] args) throws Exception {
        DemoTrainingRun.Settings settings = DemoTrainingRun.Settings.parse(args);
        DemoTrainingRun.Result result = DemoTrainingRun.run(settings, System.out::println);
        result.scores().forEach(System.out::println);
    }
}
