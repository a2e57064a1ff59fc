package io.lariat.engine.train;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufTensorInfo;
import io.lariat.engine.gguf.Quantizers;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;

/**
 * Reads a model that {@link GgufExport} wrote back into the trainer's flat weights, so that a run can continue from
 * an exported model (fine-tuning it on new data) instead of starting from random weights.
 *
 * <p>Every tensor is decoded from its stored type (the embedding from Q4_0, block matrices from F16), so the run
 * starts from exactly the weights a runtime loads. Embedding rows that the file leaves all zero (ids its own run
 * never trained) keep the initial values they are given. Stateless.
 */
public final class GgufImport {

    private static final String EMBEDDING = "token_embd.weight";

    private GgufImport() {
    }

    /**
     * The ids whose embedding row in {@code model} is not all zero: the ids its run trained.
     *
     * @throws TrainingException if the file has no {@code token_embd.weight} of a decodable type
     */
    public static BitSet trainedIds(GgufFile model) {
        GgufTensorInfo t = tensor(model, EMBEDDING);
        int cols = Math.toIntExact(t.dimension(0));
        int rows = Math.toIntExact(t.dimension(1));
        MemorySegment data = model.tensorData(t);
        long rowBytes = t.type().byteSize(cols);
        float[] row = new float[cols];
        BitSet ids = new BitSet(rows);
        for (int id = 0; id < rows; id++) {
            Quantizers.decode(t.type(), data, id * rowBytes, row, 0, cols);
            for (float v : row) {
                if (v != 0f) {
                    ids.set(id);
                    break;
                }
            }
        }
        return ids;
    }

    /**
     * Overwrites {@code values} (laid out by {@code layout} over {@code vocab}) with the weights of {@code model}:
     * every block and norm tensor, and the embedding row of every trained id that the file holds non-zero.
     *
     * @throws TrainingException if a tensor is missing or its shape differs from the layout's
     */
    static void load(GgufFile model, ParameterLayout layout, TrainedVocab vocab, float[] values) {
        float[] row = new float[layout.config().dim()];
        for (ParameterLayout.Tensor t : layout.tensors()) {
            GgufTensorInfo stored = tensor(model, t.name());
            MemorySegment data = model.tensorData(stored);
            long cols = stored.dimension(0);
            long rows = stored.rank() > 1 ? stored.dimension(1) : 1;
            boolean embedding = t.name().equals(EMBEDDING);
            if (cols != t.cols() || rows != (embedding ? vocab.fullSize() : t.rows())) {
                throw new TrainingException(model.path() + ": " + t.name() + " is " + cols + " x " + rows
                        + " but the run's layout needs " + t.cols() + " x "
                        + (embedding ? vocab.fullSize() : t.rows()));
            }
            long rowBytes = stored.type().byteSize(cols);
            for (int r = 0; r < t.rows(); r++) {
                long sourceRow = embedding ? vocab.id(r) : r;
                if (!embedding) {
                    Quantizers.decode(stored.type(), data, sourceRow * rowBytes, values, t.offset() + r * t.cols(),
                            t.cols());
                    continue;
                }
                Quantizers.decode(stored.type(), data, sourceRow * rowBytes, row, 0, t.cols());
                if (!allZero(row)) {
                    System.arraycopy(row, 0, values, t.offset() + r * t.cols(), t.cols());
                }
            }
        }
    }

    private static GgufTensorInfo tensor(GgufFile model, String name) {
        GgufTensorInfo t = model.tensor(name).orElseThrow(() -> new TrainingException(model.path()
                + ": no tensor " + name + " (not a model that Lariat's trainer exported)"));
        if (!Quantizers.supports(t.type())) {
            throw new TrainingException(model.path() + ": " + name + " is " + t.type() + ", which cannot be decoded");
        }
        return t;
    }

    private static boolean allZero(float[] row) {
        for (float v : row) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }
}
