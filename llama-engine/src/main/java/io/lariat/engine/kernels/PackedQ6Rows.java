package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.PackedLanes.F;
import static io.lariat.engine.kernels.PackedLanes.I;
import static io.lariat.engine.kernels.PackedLanes.LANES;
import static io.lariat.engine.kernels.PackedLanes.PAIRS;
import static io.lariat.engine.kernels.PackedLanes.PARTS;
import static io.lariat.engine.kernels.PackedLanes.PART_BYTES;
import static io.lariat.engine.kernels.PackedLanes.S;
import static io.lariat.engine.kernels.QuantizedActivations.BLOCK;
import static io.lariat.engine.kernels.QuantizedActivations.GROUP;
import static io.lariat.engine.kernels.QuantizedActivations.QUARTER;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;

/**
 * Q6_K rows repacked for 8-bit activations: every weight {@code d * sc * (u - 32)} with {@code u} (0..63) the file's
 * unsigned 6-bit quant, an 8-bit scale {@code sc} per 16 elements and an f16 {@code d} per 256. A row is a sequence
 * of groups of 32 blocks of 32 elements (the last padded with empty blocks). A group holds:
 * <ul>
 *   <li>12 x 64 bytes of quants, three loads per quarter {@code m} of a block (elements {@code 8m .. 8m + 7}): in the
 *       16-bit lane of block {@code b}, load {@code 3m + l} holds {@code u(8m + 2l)} in bits 0-5 and
 *       {@code u(8m + 2l + 1)} in bits 8-13, and bits {@code 2l, 2l + 1} of {@code u(8m + 6)} in bits 6-7 and of
 *       {@code u(8m + 7)} in bits 14-15;</li>
 *   <li>64 bytes of scales: int {@code j} holds the two scales of block {@code 2j} (first 16 elements, then the
 *       next), then those of block {@code 2j + 1};</li>
 *   <li>64 bytes: int {@code j} holds, in its low half, the f16 {@code d} of the super-block of blocks {@code 2j}
 *       and {@code 2j + 1}.</li>
 * </ul>
 * 28 bytes per 32 weights (the file takes 26.25). Six bits per quant, not a byte: decode streams these rows, and on
 * two AVX2 cores the byte-per-weight layout (36 bytes per 32) was bound by memory: two concurrent one-thread streams
 * of 268 MB of rows made 14.3-14.6 G multiply-adds per second together, against 16.2-17.3 with this layout (thread
 * CPU time).
 * Immutable and thread-safe.
 */
final class PackedQ6Rows implements PackedRows {
    private static final ValueLayout.OfShort SHORT_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int QUANT_BYTES = 768;
    private static final int SCALE_BYTES = 64;
    private static final int GROUP_BYTES = QUANT_BYTES + 2 * SCALE_BYTES;
    private static final int HALF_MAGNITUDE = 0x0FFFE000;
    private static final float HALF_EXPONENT_FIX = 0x1p112f;
    private static final int SUPER_BYTES = 210;
    /** The 6-bit quant of both 16-bit halves of an int lane. */
    private static final int SIX = 0x003F003F;
    /** Bits 0-1 of every byte: the two bits of an assembled quant that one load holds (shifted by 2l). */
    private static final int TWO = 0x03030303;

    /**
     * Rows per step of {@link #dotRows}: four with 32 vector registers (AVX-512), two with 16 (AVX2), where four rows'
     * accumulators spill. Four rows streamed 22.1-23.0 G multiply-adds per second against 19.3-20.4 for two (one
     * thread, 238 MB of rows, alternated in one process, AMD EPYC with AVX-512); in L3 both ran at 38-41.
     */
    static final int ROWS_PER_STEP = PackedLanes.SHAPE == VectorShape.S_512_BIT ? 4 : 2;

    private final MemorySegment data;
    private final int cols;
    private final int groups;

    PackedQ6Rows(MemorySegment data, int cols) {
        this.data = data;
        this.cols = cols;
        this.groups = QuantizedActivations.groups(cols);
    }

    /** Bytes of {@code rows} packed rows of {@code cols} elements. */
    static long bytes(int rows, int cols) {
        return (long) rows * QuantizedActivations.groups(cols) * GROUP_BYTES;
    }

    @Override
    public MemorySegment data() {
        return data;
    }

    @Override
    public float dot(int row, QuantizedActivations x) {
        return dot(data, (long) row * groups * GROUP_BYTES, x.values, x.quarterOffsets, x.scales, groups);
    }

    /**
     * Rows {@link #ROWS_PER_STEP} at a time, {@code (end - start) / ROWS_PER_STEP} apart, the activations loaded once
     * for all of them; the last {@code (end - start) % ROWS_PER_STEP} rows go alone.
     */
    @Override
    public void dotRows(int start, int end, QuantizedActivations x, float[] out, int outOffset) {
        dotRows(start, end, x, out, outOffset, ROWS_PER_STEP);
    }

    /** {@link #dotRows} with {@code rowsPerStep} rows (2 or 4) at a time, whatever the CPU. */
    void dotRows(int start, int end, QuantizedActivations x, float[] out, int outOffset, int rowsPerStep) {
        int share = (end - start) / rowsPerStep;
        long rowBytes = (long) groups * GROUP_BYTES;
        for (int i = 0; i < share; i++) {
            long at = (start + i) * rowBytes;
            if (rowsPerStep == 4) {
                dotFour(data, at, share * rowBytes, x.values, x.quarterOffsets, x.scales, groups, out, outOffset + i,
                        share);
            } else {
                dotTwo(data, at, share * rowBytes, x.values, x.quarterOffsets, x.scales, groups, out, outOffset + i,
                        share);
            }
        }
        for (int r = start + rowsPerStep * share; r < end; r++) {
            out[outOffset + r - start] = dot(r, x);
        }
    }

    @Override
    public int touchInterleaved(int row, int group) {
        return Vectors.touchLines(data, ((long) row * groups + group) * GROUP_BYTES, GROUP_BYTES);
    }

    /*
     * Kept in one method so that no vector crosses a call. Per quarter block: each of the three loads gives two
     * quants per 16-bit lane by an and and a shift of the int lanes (the shift's carry from the odd lane lands in the
     * bits the mask clears, and int shifts take an immediate count where C2 loads a 16-bit shift's count into a
     * register anew each time); the three loads' top bits, shifted into place and or-ed, give the last two quants.
     * The unsigned products go into a 16-bit sum that starts at -32 times the activations' sum (QuantizedActivations
     * #quarterOffsets): what wraps on the way cancels modulo 2^16, and the true sum of (u - 32) * x over 8 elements,
     * at most 8 * 32 * 127 in magnitude, is exact as a short. Per quarter the lanes split by shifts into the even and
     * odd blocks' int lanes, times their 8-bit scales; per part the sums meet d and the activation scales. One loop
     * over the parts' quarters (with the per-part tail behind m == 3), not nested loops: C2 sets up each short inner
     * loop's range checks anew on entry.
     */
    private static float dot(MemorySegment w, long at, short[] xq, short[] xoff, float[] xs, int groups) {
        FloatVector acc = FloatVector.zero(F);
        IntVector even = IntVector.zero(I);
        IntVector odd = IntVector.zero(I);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES) {
            for (int j = 0; j < 4 * PARTS; j++) {
                int p = j >> 2;
                int m = j & 3;
                long pat = at + (long) p * PART_BYTES;
                int xo = g * GROUP * BLOCK + p * LANES + QUARTER * m * GROUP;
                ShortVector sum = ShortVector.fromArray(S, xoff, (4 * g + m) * GROUP + p * LANES);
                IntVector top = IntVector.zero(I);
                for (int l = 0; l < 3; l++) {
                    IntVector a = IntVector.fromMemorySegment(I, w, pat + 64L * (3 * m + l), LE);
                    sum = sum.add(a.and(SIX).reinterpretAsShorts().mul(ShortVector.fromArray(S, xq, xo + 2 * l * GROUP)))
                            .add(a.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts()
                                    .mul(ShortVector.fromArray(S, xq, xo + (2 * l + 1) * GROUP)));
                    top = top.or(a.lanewise(VectorOperators.LSHR, 6 - 2 * l).and(TWO << (2 * l)));
                }
                sum = sum.add(top.and(SIX).reinterpretAsShorts().mul(ShortVector.fromArray(S, xq, xo + 6 * GROUP)))
                        .add(top.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts()
                                .mul(ShortVector.fromArray(S, xq, xo + 7 * GROUP)));
                IntVector scales = IntVector.fromMemorySegment(I, w, pat + QUANT_BYTES, LE)
                        .lanewise(VectorOperators.ASHR, 8 * (m >> 1));
                IntVector sums = sum.reinterpretAsInts();
                even = even.add(sums.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .mul(scales.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)));
                odd = odd.add(sums.lanewise(VectorOperators.ASHR, 16)
                        .mul(scales.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)));
                if (m == 3) {
                    int so = g * GROUP + p * PAIRS;
                    FloatVector blocks = ((FloatVector) even.convert(VectorOperators.I2F, 0))
                            .mul(FloatVector.fromArray(F, xs, so))
                            .add(((FloatVector) odd.convert(VectorOperators.I2F, 0))
                                    .mul(FloatVector.fromArray(F, xs, so + GROUP / 2)));
                    IntVector halves = IntVector.fromMemorySegment(I, w, pat + QUANT_BYTES + SCALE_BYTES, LE);
                    acc = blocks.fma(halves.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                            .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                            .or(halves.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats(), acc);
                    even = IntVector.zero(I);
                    odd = IntVector.zero(I);
                }
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /*
     * dot for the rows at {@code at} and {@code at + apart} into out[o] and out[o + stride], each activation load
     * serving both.
     */
    private static void dotTwo(MemorySegment w, long at, long apart, short[] xq, short[] xoff, float[] xs,
                               int groups, float[] out, int o, int stride) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        IntVector even0 = IntVector.zero(I);
        IntVector odd0 = IntVector.zero(I);
        IntVector even1 = IntVector.zero(I);
        IntVector odd1 = IntVector.zero(I);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES) {
            for (int j = 0; j < 4 * PARTS; j++) {
                int p = j >> 2;
                int m = j & 3;
                long pat = at + (long) p * PART_BYTES;
                int xo = g * GROUP * BLOCK + p * LANES + QUARTER * m * GROUP;
                ShortVector sum0 = ShortVector.fromArray(S, xoff, (4 * g + m) * GROUP + p * LANES);
                ShortVector sum1 = sum0;
                IntVector top0 = IntVector.zero(I);
                IntVector top1 = IntVector.zero(I);
                for (int l = 0; l < 3; l++) {
                    ShortVector x0 = ShortVector.fromArray(S, xq, xo + 2 * l * GROUP);
                    ShortVector x1 = ShortVector.fromArray(S, xq, xo + (2 * l + 1) * GROUP);
                    IntVector a = IntVector.fromMemorySegment(I, w, pat + 64L * (3 * m + l), LE);
                    sum0 = sum0.add(a.and(SIX).reinterpretAsShorts().mul(x0))
                            .add(a.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x1));
                    top0 = top0.or(a.lanewise(VectorOperators.LSHR, 6 - 2 * l).and(TWO << (2 * l)));
                    IntVector b = IntVector.fromMemorySegment(I, w, pat + apart + 64L * (3 * m + l), LE);
                    sum1 = sum1.add(b.and(SIX).reinterpretAsShorts().mul(x0))
                            .add(b.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x1));
                    top1 = top1.or(b.lanewise(VectorOperators.LSHR, 6 - 2 * l).and(TWO << (2 * l)));
                }
                ShortVector x6 = ShortVector.fromArray(S, xq, xo + 6 * GROUP);
                ShortVector x7 = ShortVector.fromArray(S, xq, xo + 7 * GROUP);
                sum0 = sum0.add(top0.and(SIX).reinterpretAsShorts().mul(x6))
                        .add(top0.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x7));
                sum1 = sum1.add(top1.and(SIX).reinterpretAsShorts().mul(x6))
                        .add(top1.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x7));
                int shift = 8 * (m >> 1);
                IntVector scales0 = IntVector.fromMemorySegment(I, w, pat + QUANT_BYTES, LE)
                        .lanewise(VectorOperators.ASHR, shift);
                IntVector scales1 = IntVector.fromMemorySegment(I, w, pat + apart + QUANT_BYTES, LE)
                        .lanewise(VectorOperators.ASHR, shift);
                IntVector sums0 = sum0.reinterpretAsInts();
                IntVector sums1 = sum1.reinterpretAsInts();
                even0 = even0.add(sums0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .mul(scales0.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)));
                odd0 = odd0.add(sums0.lanewise(VectorOperators.ASHR, 16)
                        .mul(scales0.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)));
                even1 = even1.add(sums1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .mul(scales1.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)));
                odd1 = odd1.add(sums1.lanewise(VectorOperators.ASHR, 16)
                        .mul(scales1.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)));
                if (m == 3) {
                    int so = g * GROUP + p * PAIRS;
                    FloatVector xe = FloatVector.fromArray(F, xs, so);
                    FloatVector xodd = FloatVector.fromArray(F, xs, so + GROUP / 2);
                    IntVector halves0 = IntVector.fromMemorySegment(I, w, pat + QUANT_BYTES + SCALE_BYTES, LE);
                    FloatVector d0 = halves0.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                            .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                            .or(halves0.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                    acc0 = ((FloatVector) even0.convert(VectorOperators.I2F, 0)).mul(xe)
                            .add(((FloatVector) odd0.convert(VectorOperators.I2F, 0)).mul(xodd)).fma(d0, acc0);
                    IntVector halves1 = IntVector.fromMemorySegment(I, w, pat + apart + QUANT_BYTES + SCALE_BYTES, LE);
                    FloatVector d1 = halves1.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                            .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                            .or(halves1.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                    acc1 = ((FloatVector) even1.convert(VectorOperators.I2F, 0)).mul(xe)
                            .add(((FloatVector) odd1.convert(VectorOperators.I2F, 0)).mul(xodd)).fma(d1, acc1);
                    even0 = IntVector.zero(I);
                    odd0 = IntVector.zero(I);
                    even1 = IntVector.zero(I);
                    odd1 = IntVector.zero(I);
                }
            }
        }
        out[o] = acc0.reduceLanes(VectorOperators.ADD);
        out[o + stride] = acc1.reduceLanes(VectorOperators.ADD);
    }

    /*
     * dotTwo for four rows (at + r * apart, r = 0..3) into out[o + r * stride]: each activation load serves four rows.
     * 21-24 vectors stay live, which 32 registers hold (AVX-512) and 16 do not.
     */
    private static void dotFour(MemorySegment w, long at, long apart, short[] xq, short[] xoff, float[] xs,
                                int groups, float[] out, int o, int stride) {
        FloatVector acc0 = FloatVector.zero(F);
        IntVector even0 = IntVector.zero(I);
        IntVector odd0 = IntVector.zero(I);
        FloatVector acc1 = FloatVector.zero(F);
        IntVector even1 = IntVector.zero(I);
        IntVector odd1 = IntVector.zero(I);
        FloatVector acc2 = FloatVector.zero(F);
        IntVector even2 = IntVector.zero(I);
        IntVector odd2 = IntVector.zero(I);
        FloatVector acc3 = FloatVector.zero(F);
        IntVector even3 = IntVector.zero(I);
        IntVector odd3 = IntVector.zero(I);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES) {
            for (int j = 0; j < 4 * PARTS; j++) {
                int p = j >> 2;
                int m = j & 3;
                long pat0 = at + (long) p * PART_BYTES;
                long pat1 = pat0 + apart;
                long pat2 = pat1 + apart;
                long pat3 = pat2 + apart;
                int xo = g * GROUP * BLOCK + p * LANES + QUARTER * m * GROUP;
                ShortVector sum0 = ShortVector.fromArray(S, xoff, (4 * g + m) * GROUP + p * LANES);
                ShortVector sum1 = sum0;
                ShortVector sum2 = sum0;
                ShortVector sum3 = sum0;
                IntVector top0 = IntVector.zero(I);
                IntVector top1 = IntVector.zero(I);
                IntVector top2 = IntVector.zero(I);
                IntVector top3 = IntVector.zero(I);
                for (int l = 0; l < 3; l++) {
                    ShortVector x0 = ShortVector.fromArray(S, xq, xo + 2 * l * GROUP);
                    ShortVector x1 = ShortVector.fromArray(S, xq, xo + (2 * l + 1) * GROUP);
                    long line = 64L * (3 * m + l);
                    IntVector a0 = IntVector.fromMemorySegment(I, w, pat0 + line, LE);
                    sum0 = sum0.add(a0.and(SIX).reinterpretAsShorts().mul(x0))
                            .add(a0.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x1));
                    top0 = top0.or(a0.lanewise(VectorOperators.LSHR, 6 - 2 * l).and(TWO << (2 * l)));
                    IntVector a1 = IntVector.fromMemorySegment(I, w, pat1 + line, LE);
                    sum1 = sum1.add(a1.and(SIX).reinterpretAsShorts().mul(x0))
                            .add(a1.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x1));
                    top1 = top1.or(a1.lanewise(VectorOperators.LSHR, 6 - 2 * l).and(TWO << (2 * l)));
                    IntVector a2 = IntVector.fromMemorySegment(I, w, pat2 + line, LE);
                    sum2 = sum2.add(a2.and(SIX).reinterpretAsShorts().mul(x0))
                            .add(a2.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x1));
                    top2 = top2.or(a2.lanewise(VectorOperators.LSHR, 6 - 2 * l).and(TWO << (2 * l)));
                    IntVector a3 = IntVector.fromMemorySegment(I, w, pat3 + line, LE);
                    sum3 = sum3.add(a3.and(SIX).reinterpretAsShorts().mul(x0))
                            .add(a3.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x1));
                    top3 = top3.or(a3.lanewise(VectorOperators.LSHR, 6 - 2 * l).and(TWO << (2 * l)));
                }
                ShortVector x6 = ShortVector.fromArray(S, xq, xo + 6 * GROUP);
                ShortVector x7 = ShortVector.fromArray(S, xq, xo + 7 * GROUP);
                int shift = 8 * (m >> 1);
                sum0 = sum0.add(top0.and(SIX).reinterpretAsShorts().mul(x6))
                        .add(top0.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x7));
                IntVector scales0 = IntVector.fromMemorySegment(I, w, pat0 + QUANT_BYTES, LE)
                        .lanewise(VectorOperators.ASHR, shift);
                IntVector sums0 = sum0.reinterpretAsInts();
                even0 = even0.add(sums0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .mul(scales0.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)));
                odd0 = odd0.add(sums0.lanewise(VectorOperators.ASHR, 16)
                        .mul(scales0.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)));
                sum1 = sum1.add(top1.and(SIX).reinterpretAsShorts().mul(x6))
                        .add(top1.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x7));
                IntVector scales1 = IntVector.fromMemorySegment(I, w, pat1 + QUANT_BYTES, LE)
                        .lanewise(VectorOperators.ASHR, shift);
                IntVector sums1 = sum1.reinterpretAsInts();
                even1 = even1.add(sums1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .mul(scales1.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)));
                odd1 = odd1.add(sums1.lanewise(VectorOperators.ASHR, 16)
                        .mul(scales1.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)));
                sum2 = sum2.add(top2.and(SIX).reinterpretAsShorts().mul(x6))
                        .add(top2.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x7));
                IntVector scales2 = IntVector.fromMemorySegment(I, w, pat2 + QUANT_BYTES, LE)
                        .lanewise(VectorOperators.ASHR, shift);
                IntVector sums2 = sum2.reinterpretAsInts();
                even2 = even2.add(sums2.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .mul(scales2.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)));
                odd2 = odd2.add(sums2.lanewise(VectorOperators.ASHR, 16)
                        .mul(scales2.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)));
                sum3 = sum3.add(top3.and(SIX).reinterpretAsShorts().mul(x6))
                        .add(top3.lanewise(VectorOperators.LSHR, 8).and(SIX).reinterpretAsShorts().mul(x7));
                IntVector scales3 = IntVector.fromMemorySegment(I, w, pat3 + QUANT_BYTES, LE)
                        .lanewise(VectorOperators.ASHR, shift);
                IntVector sums3 = sum3.reinterpretAsInts();
                even3 = even3.add(sums3.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .mul(scales3.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)));
                odd3 = odd3.add(sums3.lanewise(VectorOperators.ASHR, 16)
                        .mul(scales3.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)));
                if (m == 3) {
                    int so = g * GROUP + p * PAIRS;
                    FloatVector xe = FloatVector.fromArray(F, xs, so);
                    FloatVector xodd = FloatVector.fromArray(F, xs, so + GROUP / 2);
                    IntVector halves0 = IntVector.fromMemorySegment(I, w, pat0 + QUANT_BYTES + SCALE_BYTES, LE);
                    FloatVector d0 = halves0.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                            .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                            .or(halves0.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                    acc0 = ((FloatVector) even0.convert(VectorOperators.I2F, 0)).mul(xe)
                            .add(((FloatVector) odd0.convert(VectorOperators.I2F, 0)).mul(xodd)).fma(d0, acc0);
                    even0 = IntVector.zero(I);
                    odd0 = IntVector.zero(I);
                    IntVector halves1 = IntVector.fromMemorySegment(I, w, pat1 + QUANT_BYTES + SCALE_BYTES, LE);
                    FloatVector d1 = halves1.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                            .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                            .or(halves1.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                    acc1 = ((FloatVector) even1.convert(VectorOperators.I2F, 0)).mul(xe)
                            .add(((FloatVector) odd1.convert(VectorOperators.I2F, 0)).mul(xodd)).fma(d1, acc1);
                    even1 = IntVector.zero(I);
                    odd1 = IntVector.zero(I);
                    IntVector halves2 = IntVector.fromMemorySegment(I, w, pat2 + QUANT_BYTES + SCALE_BYTES, LE);
                    FloatVector d2 = halves2.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                            .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                            .or(halves2.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                    acc2 = ((FloatVector) even2.convert(VectorOperators.I2F, 0)).mul(xe)
                            .add(((FloatVector) odd2.convert(VectorOperators.I2F, 0)).mul(xodd)).fma(d2, acc2);
                    even2 = IntVector.zero(I);
                    odd2 = IntVector.zero(I);
                    IntVector halves3 = IntVector.fromMemorySegment(I, w, pat3 + QUANT_BYTES + SCALE_BYTES, LE);
                    FloatVector d3 = halves3.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                            .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                            .or(halves3.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                    acc3 = ((FloatVector) even3.convert(VectorOperators.I2F, 0)).mul(xe)
                            .add(((FloatVector) odd3.convert(VectorOperators.I2F, 0)).mul(xodd)).fma(d3, acc3);
                    even3 = IntVector.zero(I);
                    odd3 = IntVector.zero(I);
                }
            }
        }
        out[o + 0 * stride] = acc0.reduceLanes(VectorOperators.ADD);
        out[o + 1 * stride] = acc1.reduceLanes(VectorOperators.ADD);
        out[o + 2 * stride] = acc2.reduceLanes(VectorOperators.ADD);
        out[o + 3 * stride] = acc3.reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void dequantize(int row, float[] dst, int dstOffset) {
        long rowAt = (long) row * groups * GROUP_BYTES;
        for (int block = 0; block < cols / BLOCK; block++) {
            long at = rowAt + (long) (block / GROUP) * GROUP_BYTES;
            int b = block % GROUP;
            int scales = data.get(INT_LE, at + QUANT_BYTES + 4L * (b >> 1)) >> (16 * (b & 1));
            float d = Float.float16ToFloat((short) data.get(INT_LE, at + QUANT_BYTES + SCALE_BYTES + 4L * (b >> 1)));
            for (int e = 0; e < BLOCK; e++) {
                dst[dstOffset + block * BLOCK + e] = d * (byte) (scales >> (8 * (e / 16))) * (quant(at, b, e) - 32);
            }
        }
    }

    /** The unsigned quant of element {@code e} of block {@code b} of the group at {@code at}. */
    private int quant(long at, int b, int e) {
        int m = e / QUARTER;
        int i = e % QUARTER;
        if (i < 6) {
            return data.get(SHORT_LE, at + 64L * (3 * m + i / 2) + 2L * b) >> (8 * (i & 1)) & 0x3F;
        }
        int u = 0;
        for (int l = 0; l < 3; l++) {
            u |= (data.get(SHORT_LE, at + 64L * (3 * m + l) + 2L * b) >> (6 + 8 * (i & 1)) & 3) << (2 * l);
        }
        return u;
    }

    /*
     * One method per row, so that no vector crosses a call. Per group and half block (16 elements, one 8-bit scale
     * each): the scales times d widen once to even and odd float vectors; per quarter the quants come out of their
     * three loads as in dot, in the even and odd blocks' int lanes (the packed order).
     */
    @Override
    public void dequantizeInterleaved(int row, int group, float[] dst, int dstOffset) {
        long groupAt = ((long) row * groups + group) * GROUP_BYTES;
        for (int p = 0; p < PARTS; p++) {
            long at = groupAt + (long) p * PART_BYTES;
            IntVector scales = IntVector.fromMemorySegment(I, data, at + QUANT_BYTES, LE);
            IntVector halves = IntVector.fromMemorySegment(I, data, at + QUANT_BYTES + SCALE_BYTES, LE);
            FloatVector d = halves.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                    .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                    .or(halves.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
            int o = dstOffset + p * PAIRS;
            for (int m = 0; m < 4; m++) {
                int halfBlock = m >> 1;
                FloatVector evenScale = ((FloatVector) scales.lanewise(VectorOperators.LSHL, 24 - 8 * halfBlock)
                        .lanewise(VectorOperators.ASHR, 24).convert(VectorOperators.I2F, 0)).mul(d);
                FloatVector oddScale = ((FloatVector) scales.lanewise(VectorOperators.LSHL, 8 - 8 * halfBlock)
                        .lanewise(VectorOperators.ASHR, 24).convert(VectorOperators.I2F, 0)).mul(d);
                IntVector top = IntVector.zero(I);
                for (int l = 0; l < 4; l++) {
                    IntVector a;
                    if (l < 3) {
                        a = IntVector.fromMemorySegment(I, data, at + 64L * (3 * m + l), LE);
                        top = top.or(a.lanewise(VectorOperators.LSHR, 6 - 2 * l).and(TWO << (2 * l)));
                    } else {
                        a = top;
                    }
                    int e = o + (QUARTER * m + 2 * l) * GROUP;
                    ((FloatVector) a.and(0x3F).sub(32).convert(VectorOperators.I2F, 0)).mul(evenScale)
                            .intoArray(dst, e);
                    ((FloatVector) a.lanewise(VectorOperators.LSHR, 16).and(0x3F).sub(32)
                            .convert(VectorOperators.I2F, 0)).mul(oddScale).intoArray(dst, e + GROUP / 2);
                    ((FloatVector) a.lanewise(VectorOperators.LSHR, 8).and(0x3F).sub(32)
                            .convert(VectorOperators.I2F, 0)).mul(evenScale).intoArray(dst, e + GROUP);
                    ((FloatVector) a.lanewise(VectorOperators.LSHR, 24).and(0x3F).sub(32)
                            .convert(VectorOperators.I2F, 0)).mul(oddScale).intoArray(dst, e + GROUP + GROUP / 2);
                }
            }
        }
    }

    /** Repacks {@code rows} ggml Q6_K rows from {@code src} into {@code dst}. */
    static void repack(MemorySegment src, int rows, int cols, MemorySegment dst) {
        int groups = QuantizedActivations.groups(cols);
        long srcRow = (long) cols / 256 * SUPER_BYTES;
        int[] q = new int[256];
        for (int r = 0; r < rows; r++) {
            long rowAt = (long) r * groups * GROUP_BYTES;
            dst.asSlice(rowAt, (long) groups * GROUP_BYTES).fill((byte) 0);
            for (int sb = 0; sb < cols / 256; sb++) {
                long from = r * srcRow + (long) sb * SUPER_BYTES;
                quants(src, from, q);
                for (int c = 0; c < 8; c++) {
                    int block = 8 * sb + c;
                    long at = rowAt + (long) (block / GROUP) * GROUP_BYTES;
                    int b = block % GROUP;
                    for (int m = 0; m < 4; m++) {
                        int first = 32 * c + QUARTER * m;
                        int u6 = q[first + 6] + 32;
                        int u7 = q[first + 7] + 32;
                        for (int l = 0; l < 3; l++) {
                            int lane = (q[first + 2 * l] + 32) | (q[first + 2 * l + 1] + 32) << 8
                                    | (u6 >> (2 * l) & 3) << 6 | (u7 >> (2 * l) & 3) << 14;
                            dst.set(SHORT_LE, at + 64L * (3 * m + l) + 2L * b, (short) lane);
                        }
                    }
                    long pairAt = 4L * (b >> 1) + 2L * (b & 1);
                    int scales = (src.get(ValueLayout.JAVA_BYTE, from + 192 + 2 * c) & 0xFF)
                            | (src.get(ValueLayout.JAVA_BYTE, from + 192 + 2 * c + 1) & 0xFF) << 8;
                    dst.set(SHORT_LE, at + QUANT_BYTES + pairAt, (short) scales);
                    dst.set(SHORT_LE, at + QUANT_BYTES + SCALE_BYTES + 4L * (b >> 1), src.get(SHORT_LE, from + 208));
                }
            }
        }
    }

    /** The 256 signed quants (-32..31) of the super-block at {@code at}, in element order (ggml's layout). */
    private static void quants(MemorySegment w, long at, int[] q) {
        for (int half = 0; half < 2; half++) {
            long ql = at + 64L * half;
            long qh = at + 128 + 32L * half;
            for (int l = 0; l < 32; l++) {
                int h = w.get(ValueLayout.JAVA_BYTE, qh + l) & 0xFF;
                int lo = w.get(ValueLayout.JAVA_BYTE, ql + l) & 0xFF;
                int hi = w.get(ValueLayout.JAVA_BYTE, ql + l + 32) & 0xFF;
                int y = 128 * half + l;
                q[y] = ((lo & 0xF) | (h & 3) << 4) - 32;
                q[y + 32] = ((hi & 0xF) | ((h >> 2) & 3) << 4) - 32;
                q[y + 64] = ((lo >> 4) | ((h >> 4) & 3) << 4) - 32;
                q[y + 96] = ((hi >> 4) | ((h >> 6) & 3) << 4) - 32;
            }
        }
    }
}
