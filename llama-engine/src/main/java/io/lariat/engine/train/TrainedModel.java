package io.lariat.engine.train;

/**
 * A snapshot of trained weights with the shape and vocabulary they belong to; what export and evaluation read.
 *
 * <p>{@link #tensor(String)} returns copies; the snapshot itself is immutable.
 */
public final class TrainedModel {

    private final ParameterLayout layout;
    private final TrainedVocab vocab;
    private final float[] values;

    TrainedModel(ParameterLayout layout, TrainedVocab vocab, float[] values) {
        this.layout = layout;
        this.vocab = vocab;
        this.values = values.clone();
    }

    public TrainConfig config() {
        return layout.config();
    }

    public TrainedVocab vocab() {
        return vocab;
    }

    /**
     * A tensor by GGUF name, row-major ({@code ne0} fastest). The embedding is expanded to the full vocabulary,
     * with zero rows for untrained ids.
     */
    public float[] tensor(String name) {
        ParameterLayout.Tensor t = layout.tensors().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tensor " + name));
        if (t.kind() != ParameterLayout.Kind.EMBEDDING) {
            float[] out = new float[t.size()];
            System.arraycopy(values, t.offset(), out, 0, t.size());
            return out;
        }
        int d = config().dim();
        float[] full = new float[Math.multiplyExact(vocab.fullSize(), d)];
        for (int row = 0; row < vocab.size(); row++) {
            System.arraycopy(values, t.offset() + row * d, full, vocab.id(row) * d, d);
        }
        return full;
    }

    /** The GGUF shape of a tensor, {@code ne0} first. */
    public long[] shape(String name) {
        ParameterLayout.Tensor t = layout.tensors().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tensor " + name));
        if (t.kind() == ParameterLayout.Kind.NORM) {
            return new long[] {t.cols()};
        }
        int rows = t.kind() == ParameterLayout.Kind.EMBEDDING ? vocab.fullSize() : t.rows();
        return new long[] {t.cols(), rows};
    }

    /** Tensor names in export order. */
    public java.util.List<String> tensorNames() {
        return layout.tensors().stream().map(ParameterLayout.Tensor::name).toList();
    }

    ParameterLayout layout() {
        return layout;
    }

    float[] values() {
        return values;
    }
}
