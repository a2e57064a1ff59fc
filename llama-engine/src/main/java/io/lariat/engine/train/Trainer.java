package io.lariat.engine.train;

import io.lariat.engine.gguf.GgufFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Trains a Llama-architecture model on tokenized examples: batches, parallel forward/backward, gradient clipping,
 * AdamW with warm-up and cosine decay, checkpoints.
 *
 * <p>Reproducible: the same data, options and seed give bit-identical weights whatever the thread count, and a run
 * resumed from a checkpoint continues exactly as if it had not stopped (batch order depends only on seed and step).
 * Not thread-safe; owns a pool of worker threads, released by {@link #close()}.
 */
public final class Trainer implements AutoCloseable {

    private final ParameterLayout layout;
    private final TrainedVocab vocab;
    private final List<TrainingExample> data;
    private final TrainOptions options;
    private final float[] values;
    private final StepWeights weights;
    private final AdamW optimizer;
    private final float[][] shardGradients;
    private final float[] gradient;
    private final ExecutorService pool;
    private final BlockingQueue<TrainingPass> passes;
    private int step;
    private long epochCached = -1;
    private int[] permutation;

    private Trainer(Checkpoint.State state, List<TrainingExample> data, TrainOptions options) {
        this.layout = new ParameterLayout(state.config(), state.vocab().size());
        this.vocab = state.vocab();
        this.data = List.copyOf(data);
        this.options = options;
        this.values = state.values();
        this.weights = new StepWeights(layout, values);
        this.optimizer = new AdamW(layout, state.firstMoment(), state.secondMoment());
        this.step = state.step();
        this.shardGradients = new float[options.shards()][layout.size()];
        this.gradient = new float[layout.size()];
        this.pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "lariat-train");
            t.setDaemon(true);
            return t;
        });
        this.passes = new ArrayBlockingQueue<>(options.threads());
        for (int i = 0; i < options.threads(); i++) {
            passes.add(new TrainingPass(layout, vocab, options.maxPositions()));
        }
        if (this.data.isEmpty()) {
            throw new TrainingException("no training examples");
        }
    }

    /** A new run from seeded random weights. */
    public static Trainer start(TrainConfig config, TrainedVocab vocab, List<TrainingExample> data,
                                TrainOptions options) {
        ParameterLayout layout = new ParameterLayout(config, vocab.size());
        float[] values = ParameterInit.initialize(layout, options.seed());
        return new Trainer(new Checkpoint.State(config, vocab, 0, values, new float[values.length],
                new float[values.length]), data, options);
    }

    /**
     * A new run from the weights of {@code model}, a file {@link GgufExport} wrote with the same shape: its tensors
     * decoded ({@link GgufImport}), embedding rows it leaves at zero seeded as {@link #start} seeds them, and the
     * optimizer's moments at zero.
     */
    public static Trainer startFrom(GgufFile model, TrainConfig config, TrainedVocab vocab,
                                    List<TrainingExample> data, TrainOptions options) {
        ParameterLayout layout = new ParameterLayout(config, vocab.size());
        float[] values = ParameterInit.initialize(layout, options.seed());
        GgufImport.load(model, layout, vocab, values);
        return new Trainer(new Checkpoint.State(config, vocab, 0, values, new float[values.length],
                new float[values.length]), data, options);
    }

    /** Continues a run from a checkpoint written by {@link #saveCheckpoint(Path)}. */
    public static Trainer resume(Path checkpoint, List<TrainingExample> data, TrainOptions options) {
        return new Trainer(Checkpoint.read(checkpoint), data, options);
    }

    /** The next step to run (0-based). */
    public int step() {
        return step;
    }

    /** Runs steps until {@link TrainOptions#steps()}, reporting each. */
    public void train(Consumer<StepReport> listener) {
        while (step < options.steps()) {
            listener.accept(runStep());
        }
    }

    /** Runs one optimizer step on the next batch. */
    public StepReport runStep() {
        long start = System.nanoTime();
        List<TrainingExample> batch = batch(step);
        int targets = batch.stream().mapToInt(TrainingExample::targetCount).sum();
        double loss = accumulate(batch, 1f / targets);
        double norm = reduceAndClip();
        float lr = options.learningRate(step);
        optimizer.update(values, gradient, step, lr, options);
        weights.refresh();
        long tokens = batch.stream().mapToLong(TrainingExample::length).sum();
        StepReport report = new StepReport(step, loss / targets, lr, norm, tokens,
                (System.nanoTime() - start) / 1e9);
        step++;
        return report;
    }

    /** Mean target loss (nats per token) on examples, without training. */
    public double evaluate(List<TrainingExample> examples) {
        List<Future<double[]>> futures = new ArrayList<>();
        for (TrainingExample e : examples) {
            futures.add(pool.submit(() -> withPass(pass -> new double[] {pass.run(e, weights, null, 1f),
                    e.targetCount()})));
        }
        double loss = 0;
        double count = 0;
        for (Future<double[]> f : futures) {
            double[] r = join(f);
            loss += r[0];
            count += r[1];
        }
        return loss / count;
    }

    /** Writes weights, optimizer moments and the step counter. */
    public void saveCheckpoint(Path file) {
        Checkpoint.write(file, new Checkpoint.State(layout.config(), vocab, step, values,
                optimizer.firstMoment(), optimizer.secondMoment()));
    }

    /** A copy of the current weights. */
    public TrainedModel snapshot() {
        return new TrainedModel(layout, vocab, values);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Shard s accumulates batch entries s, s+shards, ... in order, so sums never depend on scheduling. */
    private double accumulate(List<TrainingExample> batch, float scale) {
        List<Future<Double>> futures = new ArrayList<>();
        for (int s = 0; s < options.shards(); s++) {
            int shard = s;
            futures.add(pool.submit(() -> withPass(pass -> {
                float[] g = shardGradients[shard];
                java.util.Arrays.fill(g, 0f);
                double loss = 0;
                for (int i = shard; i < batch.size(); i += options.shards()) {
                    loss += pass.run(batch.get(i), weights, g, scale);
                }
                return loss;
            })));
        }
        double loss = 0;
        for (Future<Double> f : futures) {
            loss += join(f);
        }
        return loss;
    }

    private double reduceAndClip() {
        System.arraycopy(shardGradients[0], 0, gradient, 0, gradient.length);
        for (int s = 1; s < shardGradients.length; s++) {
            float[] g = shardGradients[s];
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += g[i];
            }
        }
        double sq = 0;
        for (float g : gradient) {
            sq += (double) g * g;
        }
        double norm = Math.sqrt(sq);
        if (norm > options.gradientClip()) {
            float factor = (float) (options.gradientClip() / norm);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= factor;
            }
        }
        return norm;
    }

    /** The batch of a step: consecutive slices of per-epoch permutations seeded by (seed, epoch). */
    private List<TrainingExample> batch(int stepIndex) {
        List<TrainingExample> batch = new ArrayList<>(options.batchSize());
        long first = (long) stepIndex * options.batchSize();
        for (long g = first; g < first + options.batchSize(); g++) {
            long epoch = g / data.size();
            if (epoch != epochCached) {
                permutation = permutation(epoch);
                epochCached = epoch;
            }
            batch.add(data.get(permutation[(int) (g % data.size())]));
        }
        return batch;
    }

    private int[] permutation(long epoch) {
        int[] p = new int[data.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + epoch);
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private <T> T withPass(java.util.function.Function<TrainingPass, T> work) throws InterruptedException {
        TrainingPass pass = passes.take();
        try {
            return work.apply(pass);
        } finally {
            passes.add(pass);
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new TrainingException("training worker failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingException("interrupted while training", e);
        }
    }
}
