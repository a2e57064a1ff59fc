package io.lariat.engine.train;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The token ids a model is trained on, mapped to compact embedding rows.
 *
 * <p>Every other id of the full vocabulary keeps an all-zero embedding row; with tied output weights its logit is
 * exactly 0, so the full-vocabulary softmax equals the softmax over the trained rows plus one extra logit of value
 * {@code ln(untrainedCount())}. Immutable and thread-safe.
 */
public final class TrainedVocab {

    private final int fullSize;
    private final int[] ids;
    private final int[] rowOf;

    private TrainedVocab(int fullSize, int[] ids) {
        this.fullSize = fullSize;
        this.ids = ids;
        this.rowOf = new int[fullSize];
        Arrays.fill(rowOf, -1);
        for (int i = 0; i < ids.length; i++) {
            rowOf[ids[i]] = i;
        }
    }

    /** The vocabulary of the given ids (duplicates allowed), sorted ascending, within a full vocabulary. */
    public static TrainedVocab of(int fullSize, BitSet used) {
        if (used.length() > fullSize) {
            throw new IllegalArgumentException("token id " + (used.length() - 1) + " outside vocabulary of "
                    + fullSize);
        }
        if (used.cardinality() == fullSize) {
            throw new IllegalArgumentException("at least one token must stay untrained");
        }
        return new TrainedVocab(fullSize, used.stream().toArray());
    }

    /** Size of the full vocabulary. */
    public int fullSize() {
        return fullSize;
    }

    /** Number of trained rows. */
    public int size() {
        return ids.length;
    }

    /** Number of ids with an all-zero row. */
    public int untrainedCount() {
        return fullSize - ids.length;
    }

    /** The extra logit standing for all untrained tokens together: {@code ln(untrainedCount())}. */
    public float untrainedLogit() {
        return (float) Math.log(untrainedCount());
    }

    /** The full-vocabulary id of a compact row. */
    public int id(int row) {
        return ids[row];
    }

    /** The compact row of a full-vocabulary id, or -1 when the id is untrained. */
    public int row(int id) {
        return id >= 0 && id < fullSize ? rowOf[id] : -1;
    }

    /** A copy of the trained ids, ascending. */
    public int[] ids() {
        return ids.clone();
    }
}
