package io.lariat.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One activation vector quantized to 8 bits per block of 32 elements (like llama.cpp's Q8_0 activations), laid out
 * for the {@link PackedRows} kernels: blocks in groups of 32, and within a group element {@code e} of all 32 blocks
 * side by side ({@code values[(group * 32 + e) * 32 + block]}), so that one 512-bit short load (or two 256-bit
 * ones) holds the same element of every block of a group. Block scales and block sums are stored per group with the
 * 16 even blocks first, then the 16 odd ones: the order in which a group's 16-bit accumulators split into two int
 * vectors.
 *
 * <p>Not thread-safe: each thread quantizes into its own instance ({@link #forThread}); kernel threads only read it
 * after the pool's hand-off. The one exception: after {@link #prepare}, threads may each quantize their own groups
 * ({@link #quantizeGroup}) in one parallel step, for the step after it.
 */
public final class QuantizedActivations {
    /** Elements per quantization block. */
    public static final int BLOCK = 32;
    /** Blocks per group: one per 16-bit lane of a 64-byte line (a 512-bit vector, or two 256-bit ones). */
    public static final int GROUP = 32;
    /** Elements of a quarter block, whose 6-bit products one 16-bit sum holds exactly (8 * 32 * 127 < 2^15). */
    static final int QUARTER = 8;
    /** One lane per block of a group: all 32 (512 bits) or half of them (256 bits). */
    private static final VectorSpecies<Short> PAIR_SPECIES = PackedLanes.S;
    /** Part of a block: 16 floats (512 bits) or 8 (256 bits). */
    private static final VectorSpecies<Float> BLOCK_PART = PackedLanes.F;
    /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to an integer, half to even. */
    private static final float ROUNDING = 0x1.8p23f;
    private static final ThreadLocal<QuantizedActivations[]> PER_THREAD = ThreadLocal.withInitial(
            () -> new QuantizedActivations[0]);

    short[] values = new short[0];
    /**
     * For {@link PackedQ8Rows}, per group and pair {@code k} of elements {@code 2k, 2k + 1}: 32 lanes of
     * {@code odd - 256 * even}, then 32 lanes of {@code 32768 - 128 * even} (both modulo 2^16), at
     * {@code (group * 16 + k) * 64}.
     */
    short[] pairs = new short[0];
    /**
     * For {@link PackedQ4Rows}, in the layout of {@link #values}: per group and load {@code k} (elements
     * {@code 4k .. 4k + 3} of every block, at {@code (group * 32 + 4k + i) * 32}), the terms {@code t0 = x0} and
     * {@code ti = xi - 16 * x(i-1)} (modulo 2^16). A 16-bit lane {@code v = n0 + 16 n1 + 256 n2 + 4096 n3} of
     * nibbles then gives {@code sum ni * xi = v * t0 + (v >>> 4) * t1 + (v >>> 8) * t2 + (v >>> 12) * t3} modulo
     * 2^16: each shifted lane's higher nibbles cancel the previous product's, so no nibble needs masking.
     */
    short[] nibbleTerms = new short[0];
    /**
     * For {@link PackedQ4Rows}, per block in lane order ({@code group * 32 + block}): {@code -8 * sum(values)} modulo
     * 2^16, the start of a 16-bit accumulator of unsigned nibbles {@code n} that then sums {@code (n - 8) * value}.
     */
    short[] offsets = new short[0];
    /**
     * For {@link PackedQ6Rows}, per group, quarter {@code m} of a block (elements {@code 8m .. 8m + 7}) and block
     * ({@code (group * 4 + m) * 32 + block}): {@code -32 * sum(values)} of the quarter modulo 2^16, the start of a
     * 16-bit accumulator of unsigned 6-bit quants {@code u} that then sums {@code (u - 32) * value}.
     */
    short[] quarterOffsets = new short[0];
    /** Per block: the activation scale {@code d}, element = d * value. */
    float[] scales = new float[0];
    /** Per block: {@code d * sum(values)}, which multiplies a weight block's offset. */
    float[] sums = new float[0];
    int groups;
    /** Blocks of the vector (the last group's others are padding). */
    private int blocks;
    /** One block's rounded values before they are spread into the transposed layout. */
    private final int[] blockValues = new int[BLOCK];
    /** The same for {@link #quantizeGroup}, which several threads call on one instance. */
    private static final ThreadLocal<int[]> BLOCK_VALUES = ThreadLocal.withInitial(() -> new int[BLOCK]);

    /** An empty instance; its buffers grow with the widest vector it quantizes. */
    public QuantizedActivations() {
    }

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
    public void quantize(float[] x, int offset, int cols) {
        prepare(cols);
        for (int g = 0; g < groups; g++) {
            quantizeGroup(x, offset, g, blockValues);
        }
    }

    /**
     * Readies this instance for a vector of {@code cols} elements (a multiple of 32) quantized a group at a time
     * with {@link #quantizeGroup}: sizes the buffers and clears the padding blocks of the last group.
     */
    public void prepare(int cols) {
        blocks = cols / BLOCK;
        groups = groups(cols);
        if (values.length < groups * GROUP * BLOCK) {
            values = new short[groups * GROUP * BLOCK];
            pairs = new short[groups * GROUP * BLOCK];
            nibbleTerms = new short[groups * GROUP * BLOCK];
            offsets = new short[groups * GROUP];
            quarterOffsets = new short[groups * GROUP * 4];
            scales = new float[groups * GROUP];
            sums = new float[groups * GROUP];
        }
        for (int block = blocks; block < groups * GROUP; block++) {
            int g = block / GROUP;
            int b = block % GROUP;
            for (int e = 0; e < BLOCK; e++) {
                values[(g * BLOCK + e) * GROUP + b] = 0;
            }
            int slot = g * GROUP + evenOddSlot(b);
            offsets[block] = 0;
            for (int m = 0; m < 4; m++) {
                quarterOffsets[(4 * g + m) * GROUP + b] = 0;
            }
            scales[slot] = 0;
            sums[slot] = 0;
        }
    }

    /**
     * Quantizes group {@code g} (elements {@code 1024 g .. 1024 g + 1023}) of the vector at {@code x[offset ..]}
     * after {@link #prepare}, with the same results as {@link #quantize}; threads may quantize different groups at
     * once (each group's values fill whole cache lines of their own).
     */
    public void quantizeGroup(float[] x, int offset, int g) {
        quantizeGroup(x, offset, g, BLOCK_VALUES.get());
    }

    /** Groups of this vector, as of the last {@link #prepare} or {@link #quantize}. */
    public int groupCount() {
        return groups;
    }

    private void quantizeGroup(float[] x, int offset, int g, int[] scratch) {
        int end = Math.min(blocks, (g + 1) * GROUP);
        for (int block = g * GROUP; block < end; block++) {
            int b = block % GROUP;
            quantizeBlock(x, offset + block * BLOCK, g * GROUP * BLOCK + b, g * GROUP + evenOddSlot(b), block,
                    scratch);
        }
        pairTerms(g);
        nibbleTerms(g);
    }

    /** Fills group {@code g}'s {@link #nibbleTerms} from {@link #values}: three vector operations per 32 elements. */
    private void nibbleTerms(int g) {
        for (int row = g * BLOCK; row < (g + 1) * BLOCK; row += 4) {
            for (int lane = 0; lane < GROUP; lane += PackedLanes.LANES) {
                ShortVector previous = ShortVector.fromArray(PAIR_SPECIES, values, row * GROUP + lane);
                previous.intoArray(nibbleTerms, row * GROUP + lane);
                for (int i = 1; i < 4; i++) {
                    int at = (row + i) * GROUP + lane;
                    ShortVector current = ShortVector.fromArray(PAIR_SPECIES, values, at);
                    current.sub(previous.lanewise(VectorOperators.LSHL, 4)).intoArray(nibbleTerms, at);
                    previous = current;
                }
            }
        }
    }

    /** Fills group {@code g}'s {@link #pairs} from {@link #values}: two vector operations per 64 elements. */
    private void pairTerms(int g) {
        for (int row = g * BLOCK; row < (g + 1) * BLOCK; row += 2) {
            for (int lane = 0; lane < GROUP; lane += PackedLanes.LANES) {
                ShortVector even = ShortVector.fromArray(PAIR_SPECIES, values, row * GROUP + lane);
                ShortVector odd = ShortVector.fromArray(PAIR_SPECIES, values, (row + 1) * GROUP + lane);
                odd.sub(even.lanewise(VectorOperators.LSHL, 8)).intoArray(pairs, row * GROUP + lane);
                ShortVector.broadcast(PAIR_SPECIES, (short) 0x8000).sub(even.lanewise(VectorOperators.LSHL, 7))
                        .intoArray(pairs, (row + 1) * GROUP + lane);
            }
        }
    }

    /*
     * One block in vectors (two of 16 floats, or four of 8), kept in one method so that no vector crosses a call: the
     * largest magnitude, then each element times 127 / max rounded half to even by adding and subtracting 1.5 * 2^23
     * (the same integers as Math.rint, |value| <= 127), stored into the group's transposed layout by a scalar loop.
     */
    private void quantizeBlock(float[] x, int from, int valueBase, int slot, int block, int[] blockValues) {
        int step = BLOCK_PART.length();
        FloatVector largest = FloatVector.fromArray(BLOCK_PART, x, from).abs();
        for (int e = step; e < BLOCK; e += step) {
            largest = largest.max(FloatVector.fromArray(BLOCK_PART, x, from + e).abs());
        }
        float max = largest.reduceLanes(VectorOperators.MAX);
        float d = max / 127;
        float inverse = max == 0 ? 0 : 127 / max;
        IntVector total = IntVector.zero(PackedLanes.I);
        for (int e = 0; e < BLOCK; e += step) {
            IntVector q = (IntVector) FloatVector.fromArray(BLOCK_PART, x, from + e).mul(inverse).add(ROUNDING)
                    .sub(ROUNDING).convert(VectorOperators.F2I, 0);
            q.intoArray(blockValues, e);
            total = total.add(q);
        }
        int quarter = 0;
        for (int e = 0; e < BLOCK; e++) {
            values[valueBase + e * GROUP] = (short) blockValues[e];
            quarter += blockValues[e];
            if (e % QUARTER == QUARTER - 1) {
                quarterOffsets[(4 * (block / GROUP) + e / QUARTER) * GROUP + block % GROUP] = (short) (-32 * quarter);
                quarter = 0;
            }
        }
        int sum = total.reduceLanes(VectorOperators.ADD);
        offsets[block] = (short) (-8 * sum);
        scales[slot] = d;
        sums[slot] = d * sum;
    }
}
