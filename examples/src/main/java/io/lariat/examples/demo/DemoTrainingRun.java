package io.lariat.examples.demo;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.engine.train.GgufExport;
import io.lariat.engine.train.GgufImport;
import io.lariat.engine.train.StepReport;
import io.lariat.engine.train.TrainConfig;
import io.lariat.engine.train.TrainOptions;
import io.lariat.engine.train.Trainer;
import io.lariat.engine.train.TrainedModel;
import io.lariat.engine.train.TrainedVocab;
import io.lariat.engine.train.TrainingExample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One demo training run from settings to exported model and held-out scores; {@link TrainDemo} is its command
 * line and the smoke test runs it on a tiny configuration.
 */
public final class DemoTrainingRun {

    private DemoTrainingRun() {
    }

    /**
     * What to train.
     *
     * @param vocab           the vocabulary GGUF whose tokenizer the model uses
     * @param out             where the GGUF is written
     * @param seed            seed of data, weights and batch order
     * @param steps           optimizer steps
     * @param heldOut         held-out conversations per agent to evaluate (0 skips evaluation)
     * @param batch           sequences per step
     * @param threads         trainer threads
     * @param checkpoint      checkpoint file, or null
     * @param checkpointEvery steps between checkpoints
     * @param config          model shape
     * @param peakLearningRate learning rate after warm-up
     * @param agents          the agents to train for, with their number of training conversations
     * @param wordDrills      plain-text word-copying drills ({@link WordDrills}) mixed in, so every everyday word
     *                        id is trained
     * @param init            a model exported by an earlier run to start from (fine-tuning), or null to start
     *                        from seeded random weights
     */
    public record Settings(Path vocab, Path out, long seed, int steps, int heldOut, int batch,
                           int threads, Path checkpoint, int checkpointEvery, TrainConfig config,
                           float peakLearningRate, java.util.Map<DemoAgent, Integer> agents, int wordDrills,
                           Path init) {

        /** Parses {@code --name value} arguments (see {@link TrainDemo}). */
        public static Settings parse(String[] args) {
            java.util.Map<String, String> a = new java.util.HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --option value, got " + args[i]);
                }
                a.put(args[i].substring(2), args[i + 1]);
            }
            if (!a.containsKey("vocab") || !a.containsKey("out")) {
                throw new IllegalArgumentException("usage: TrainDemo --vocab VOCAB.gguf --out MODEL.gguf "
                        + "[--seed N] [--steps N] [--per-agent N] [--held-out N] [--batch N] [--threads N] "
                        + "[--checkpoint FILE] [--checkpoint-every N] [--size demo|tiny] [--dim N] [--layers N] "
                        + "[--kv-heads N] "
                        + "[--lr X] [--agents a,b] [--word-drills N] [--init MODEL.gguf]");
            }
            TrainConfig config = a.getOrDefault("size", "demo").equals("tiny")
                    ? new TrainConfig(64, 2, 4, 2, 128, 500_000f, 1e-5f, 4096) : TrainConfig.demo();
            if (a.containsKey("dim")) {
                config = config.withDim(Integer.parseInt(a.get("dim")));
            }
            if (a.containsKey("layers")) {
                config = config.withLayers(Integer.parseInt(a.get("layers")));
            }
            if (a.containsKey("kv-heads")) {
                config = config.withKvHeads(Integer.parseInt(a.get("kv-heads")));
            }
            GgufExport.requireExportable(config);
            String checkpoint = a.get("checkpoint");
            return new Settings(Path.of(a.get("vocab")), Path.of(a.get("out")),
                    Long.parseLong(a.getOrDefault("seed", "1")), Integer.parseInt(a.getOrDefault("steps", "1500")),
                    Integer.parseInt(a.getOrDefault("held-out", "100")),
                    Integer.parseInt(a.getOrDefault("batch", "32")),
                    Integer.parseInt(a.getOrDefault("threads", String.valueOf(
                            Runtime.getRuntime().availableProcessors()))),
                    checkpoint == null ? null : Path.of(checkpoint),
                    Integer.parseInt(a.getOrDefault("checkpoint-every", "100")), config,
                    Float.parseFloat(a.getOrDefault("lr", "3e-3")), agents(a.getOrDefault("agents",
                            "calculator,researcher,analyst,concierge"), Integer.parseInt(a.getOrDefault("per-agent", "4000"))),
                    Integer.parseInt(a.getOrDefault("word-drills", "0")),
                    a.containsKey("init") ? Path.of(a.get("init")) : null);
        }

        /** {@code name[:count],...}; an agent without a count gets {@code perAgent} conversations. */
        private static java.util.Map<DemoAgent, Integer> agents(String spec, int perAgent) {
            java.util.Map<DemoAgent, Integer> out = new java.util.LinkedHashMap<>();
            for (String item : spec.split(",")) {
                String[] parts = item.trim().split(":");
                DemoAgent agent = java.util.Arrays.stream(DemoAgent.values())
                        .filter(x -> x.agentName().equals(parts[0])).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown agent " + parts[0]));
                out.put(agent, parts.length > 1 ? Integer.parseInt(parts[1]) : perAgent);
            }
            return out;
        }
    }

    /**
     * What a run produced.
     *
     * @param firstLoss mean loss of the first step
     * @param lastLoss  mean loss of the last step
     * @param scores    held-out scores per agent
     */
    public record Result(double firstLoss, double lastLoss, List<DemoEvaluation.Score> scores) {
    }

    /** Generates data, trains, exports and evaluates, reporting progress lines to {@code log}. */
    public static Result run(Settings s, Consumer<String> log) throws IOException {
        Tokenizer tokenizer;
        try (GgufFile vocabFile = GgufFile.open(s.vocab())) {
            tokenizer = Tokenizer.fromGguf(vocabFile);
        }
        try (ToolRunner tools = ToolRunner.demo()) {
            DemoRenderer renderer = new DemoRenderer(tokenizer, tools.customToolSpecs());
            DemoData data = DemoData.standard(tools);
            long generationStart = System.nanoTime();
            List<TrainingExample> examples = new ArrayList<>();
            for (DemoAgent agent : s.agents().keySet()) {
                int count = s.agents().get(agent);
                long tokens = 0;
                for (DemoConversation c : data.generate(agent, count, s.seed(), Phrasing.TRAINING)) {
                    TrainingExample e = renderer.example(c);
                    tokens += e.tokens().length;
                    examples.add(e);
                }
                log.accept(String.format(Locale.ROOT, "%s: %d conversations, %.0f tokens each on average",
                        agent.agentName(), count, (double) tokens / Math.max(1, count)));
            }
            tools.stopPython();
            if (s.wordDrills() > 0) {
                WordDrills drills = WordDrills.of(tokenizer);
                List<TrainingExample> text = drills.examples(s.wordDrills(), s.seed());
                examples.addAll(text);
                log.accept(String.format(Locale.ROOT, "word drills: %d over %d English and %d Chinese words, "
                        + "%.0f tokens each on average", text.size(), drills.englishWords().size(),
                        drills.chineseWords().size(), text.stream().mapToInt(e -> e.tokens().length).average()
                                .orElse(0)));
            }
            TrainedVocab vocab = vocabulary(examples, tokenizer, s.init());
            log.accept(String.format(Locale.ROOT, "data: %d conversations, %d tokens, %d trained token ids, %.1fs",
                    examples.size(), examples.stream().mapToLong(e -> e.tokens().length).sum(), vocab.size(),
                    (System.nanoTime() - generationStart) / 1e9));
            double[] losses = new double[2];
            TrainedModel model = train(s, vocab, examples, losses, log);
            GgufExport.write(model, s.vocab(), chatTemplate(), "Lariat demo", s.out());
            log.accept("wrote " + s.out() + " (" + Files.size(s.out()) + " bytes)");
            List<DemoEvaluation.Score> scores = new ArrayList<>();
            if (s.heldOut() > 0) {
                DemoEvaluation evaluation = new DemoEvaluation(GgufExport.asExported(model), renderer, tokenizer,
                        tools);
                for (DemoAgent agent : s.agents().keySet()) {
                    scores.add(evaluation.score(agent, data.generate(agent, s.heldOut(), s.seed() + 1_000,
                            Phrasing.HELD_OUT)));
                }
            }
            return new Result(losses[0], losses[1], scores);
        }
    }

    private static TrainedModel train(Settings s, TrainedVocab vocab, List<TrainingExample> examples,
                                      double[] losses, Consumer<String> log) {
        int longest = examples.stream().mapToInt(e -> e.tokens().length).max().orElse(2);
        TrainOptions options = TrainOptions.builder().steps(s.steps()).batchSize(s.batch())
                .learningRate(s.peakLearningRate(), s.peakLearningRate() / 10).warmupSteps(Math.max(1, s.steps() / 20))
                .seed(s.seed()).threads(s.threads()).maxPositions(longest).build();
        try (Trainer trainer = trainer(s, vocab, examples, options)) {
            long start = System.nanoTime();
            int first = trainer.step();
            trainer.train(r -> progress(s, trainer, r, first, start, losses, log));
            return trainer.snapshot();
        }
    }

    /** Resumes the checkpoint when there is one, else starts from {@code --init}'s model or from random weights. */
    private static Trainer trainer(Settings s, TrainedVocab vocab, List<TrainingExample> examples,
                                   TrainOptions options) {
        if (s.checkpoint() != null && Files.isRegularFile(s.checkpoint())) {
            return Trainer.resume(s.checkpoint(), examples, options);
        }
        if (s.init() == null) {
            return Trainer.start(s.config(), vocab, examples, options);
        }
        try (GgufFile model = GgufFile.open(s.init())) {
            return Trainer.startFrom(model, s.config(), vocab, examples, options);
        }
    }

    private static void progress(Settings s, Trainer trainer, StepReport r, int first, long start, double[] losses,
                                 Consumer<String> log) {
        if (r.step() == first) {
            losses[0] = r.loss();
        }
        losses[1] = r.loss();
        int done = r.step() + 1;
        if (done % 10 == 0 || done == s.steps()) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / (done - first) * (s.steps() - done);
            log.accept(String.format(Locale.ROOT, "step %d/%d loss %.4f lr %.2e grad %.2f %.0f tok/s eta %.0fs",
                    done, s.steps(), r.loss(), r.learningRate(), r.gradientNorm(), r.tokens() / r.seconds(), eta));
        }
        if (s.checkpoint() != null && (done % s.checkpointEvery() == 0 || done == s.steps())) {
            trainer.saveCheckpoint(s.checkpoint());
        }
    }

    /**
     * Token ids of the data plus every 1-3 digit number token, so unseen numbers still have trained rows, plus the
     * ids the {@code init} model (when not null) was trained on, so fine-tuning never drops one.
     */
    static TrainedVocab vocabulary(List<TrainingExample> examples, Tokenizer tokenizer, Path init) {
        BitSet used = new BitSet();
        if (init != null) {
            try (GgufFile model = GgufFile.open(init)) {
                used.or(GgufImport.trainedIds(model));
            }
        }
        for (TrainingExample e : examples) {
            for (int id : e.tokens()) {
                used.set(id);
            }
        }
        for (int n = 0; n < 1000; n++) {
            for (String text : List.of(Integer.toString(n), String.format("%02d", n % 100),
                    String.format("%03d", n))) {
                for (int id : tokenizer.encode(text)) {
                    used.set(id);
                }
            }
        }
        used.set(SpecialTokens.EOM);
        used.set(SpecialTokens.EOT);
        return TrainedVocab.of(tokenizer.vocabSize(), used);
    }

    /** The Jinja chat template written into the model (renders what {@link io.lariat.prompts.ChatFormat} does). */
    static String chatTemplate() throws IOException {
        try (InputStream in = DemoTrainingRun.class.getResourceAsStream("chat_template.jinja")) {
            if (in == null) {
                throw new IOException("missing resource chat_template.jinja");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
