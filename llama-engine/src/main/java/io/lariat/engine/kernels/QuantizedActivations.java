package io.lariat.engine.kernels;

/**
 * One activation vector quantized to 8 bits per block of 32 elements (like llama.cpp's Q8_0 activations), laid out
 * for the {@link PackedRows} kernels: blocks in groups of 32, and within a group element {@code e} of all 32 blocks
 * side by side ({@code values[(group * 32 + e) * 32 + block]}), so that one 512-bit short load holds the same
 * element of every block of a group. Block scales and block sums are stored per group with the 16 even blocks first,
 * then the 16 odd ones: the order in which a group's 16-bit accumulators split into two int vectors.
 *
 * <p>Not thread-safe: each thread quantizes into its own instance ({@link #forThread}); kernel threads only read it
 * after the pool's hand-off.
 */
public final class QuantizedActivations {
    /** Elements per quantization block. */
    static final int BLOCK = 32;
    /** Blocks per group: one per 16-bit lane of a 512-bit vector. */
    static final int GROUP = 32;
    private static final ThreadLocal<QuantizedActivations[]> PER_THREAD = ThreadLocal.withInitial(
            () -> new QuantizedActivations[0]);

    short[] values = new short[0];
    /** Per block: the activation scale {@code d}, element = d * value. */
    float[] scales = new float[0];
    /** Per block: {@code d * sum(values)}, which multiplies a weight block's offset. */
    float[] sums = new float[0];
    int groups;

    /** This thread's instances {@code 0 .. count - 1} (one per token of a small batch), reused across calls. */
    static QuantizedActivations[] forThread(int count) {
        QuantizedActivations[] all = PER_THREAD.get();
        if (all.length < count) {
            QuantizedActivations[] grown = java.util.Arrays.copyOf(all, count);
            for (int i = all.length; i < count; i++) {
                grown[i] = new QuantizedActivations();
            }
            PER_THREAD.set(grown);
            all = grown;
        }
        return all;
    }

    /** Groups of 32 blocks needed for {@code cols} elements (the last one padded with empty blocks). */
    static int groups(int cols) {
        return (cols / BLOCK + GROUP - 1) / GROUP;
    }

    /** Position of block {@code b} of a group in the even-then-odd order of scales and sums. */
    static int evenOddSlot(int b) {
        return (b & 1) == 0 ? b >> 1 : GROUP / 2 + (b >> 1);
    }

    /** Quantizes {@code x[offset .. offset + cols)}; {@code cols} is a multiple of 32. */
    void quantize(float[] x, int offset, int cols) {
        int blocks = cols / BLOCK;
        groups = groups(cols);
        if (values.length < groups * GROUP * BLOCK) {
            values = new short[groups * GROUP * BLOCK];
            scales = new float[groups * GROUP];
            sums = new float[groups * GROUP];
        }
        for (int g = 0; g < groups; g++) {
            for (int b = 0; b < GROUP; b++) {
                int block = g * GROUP + b;
                int slot = g * GROUP + evenOddSlot(b);
                if (block < blocks) {
                    quantizeBlock(x, offset + block * BLOCK, g * GROUP * BLOCK + b, slot);
                } else {
                    for (int e = 0; e < BLOCK; e++) {
                        values[g * GROUP * BLOCK + e * GROUP + b] = 0;
                    }
                    scales[slot] = 0;
                    sums[slot] = 0;
                }
            }
        }
    }

    private void quantizeBlock(float[] x, int from, int valueBase, int slot) {
        float max = 0;
        for (int e = 0; e < BLOCK; e++) {
            max = Math.max(max, Math.abs(x[from + e]));
        }
        float d = max / 127;
        float inverse = max == 0 ? 0 : 127 / max;
        int sum = 0;
        for (int e = 0; e < BLOCK; e++) {
            int q = (int) Math.rint(x[from + e] * inverse);
            values[valueBase + e * GROUP] = (short) q;
            sum += q;
        }
        scales[slot] = d;
        sums[slot] = d * sum;
    }
}
