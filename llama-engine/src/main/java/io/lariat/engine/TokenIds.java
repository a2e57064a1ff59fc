package io.lariat.engine;

import java.util.Arrays;

/** Operations on token id sequences; the one place a prompt's reusable prefix is measured. Stateless. */
public final class TokenIds {
    private TokenIds() {
    }

    /**
     * Length of the longest common prefix of {@code a[0..aLength)} and {@code b}.
     *
     * @throws IndexOutOfBoundsException when {@code aLength} exceeds {@code a.length}
     */
    public static int commonPrefix(int[] a, int aLength, int[] b) {
        int n = Math.min(aLength, b.length);
        int mismatch = Arrays.mismatch(a, 0, n, b, 0, n);
        return mismatch < 0 ? n : mismatch;
    }

    /** Length of the longest common prefix of two id sequences. */
    public static int commonPrefix(int[] a, int[] b) {
        return commonPrefix(a, a.length, b);
    }
}
