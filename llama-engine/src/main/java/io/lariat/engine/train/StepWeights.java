package io.lariat.engine.train;

/**
 * The weights of one optimizer step as the passes read them: the flat parameter array and a copy with every
 * matrix (and the embedding) transposed, so forward products stream rows of both operands.
 *
 * <p>Both arrays are read-only while passes run; {@link #refresh()} rebuilds the transposed copy after an update.
 */
final class StepWeights {

    private final ParameterLayout layout;
    private final float[] values;
    private final float[] transposed;

    StepWeights(ParameterLayout layout, float[] values) {
        this.layout = layout;
        this.values = values;
        this.transposed = new float[values.length];
        refresh();
    }

    /** Recomputes the transposed copy from {@link #values()}. */
    void refresh() {
        for (ParameterLayout.Tensor t : layout.tensors()) {
            int o = t.offset();
            if (t.kind() == ParameterLayout.Kind.NORM) {
                System.arraycopy(values, o, transposed, o, t.size());
                continue;
            }
            int rows = t.rows();
            int cols = t.cols();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    transposed[o + c * rows + r] = values[o + r * cols + c];
                }
            }
        }
    }

    ParameterLayout layout() {
        return layout;
    }

    float[] values() {
        return values;
    }

    float[] transposed() {
        return transposed;
    }
}
