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

import io.lariat.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_0 and Q4_K rows repacked for 8-bit activations. Every weight is the file's unsigned nibble {@code n} (0..15)
 * per element with per-block factors: Q4_0's {@code d * (n - 8)}; Q4_K's {@code d*sc*n - dmin*m}, which is
 * {@code d*sc * (n - 8) + (8*d*sc - dmin*m)}. The factors keep the file's own values, so the weights are exactly the
 * file's.
 *
 * <p>A row is a sequence of groups of 32 blocks (the last padded with empty blocks). A group holds:
 * <ul>
 *   <li>8 x 64 bytes of nibbles: load {@code k} holds, in the 16-bit lane of block {@code b}, the nibbles of
 *       elements {@code 4k .. 4k + 3} (element {@code 4k + i} in bits {@code 4i .. 4i + 3}, unsigned);</li>
 *   <li>64 bytes of per-block factors: int {@code j} describes blocks {@code 2j} and {@code 2j + 1}, the order in
 *       which the 16-bit accumulators split into int vectors. Q4_0: the f16 {@code d} of block {@code 2j} in the
 *       low and of block {@code 2j + 1} in the high half. Q4_K: the bytes {@code sc, m} of block {@code 2j}, then
 *       those of block {@code 2j + 1};</li>
 *   <li>for Q4_K, 64 more bytes: int {@code j} holds the f16 {@code d} (low) and {@code dmin} (high) of the
 *       super-block of blocks {@code 2j} and {@code 2j + 1}.</li>
 * </ul>
 * Q4_0 keeps its 18 bytes per block; Q4_K takes 20 (its file takes 18). Immutable and thread-safe.
 */
final class PackedQ4Rows implements PackedRows {
    /**
     * Whether 16-bit lanes shift by counts held in a vector: one instruction with AVX-512 (vpsrlvw), where C2 gives a
     * constant count its own register; AVX2 has no such instruction and C2 emulates it by widening to int lanes
     * (Q4_0 decode rows 6.4 G multiply-adds/s per thread against 7.9 for the exact path), so there the count is a
     * constant.
     */
    private static final boolean COUNT_VECTORS = LANES == 32;
    private static final ValueLayout.OfShort SHORT_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /**
     * Rows per run of {@link #dotRows}: its four streams lie 64 rows apart. With streams a quarter of a thread's
     * whole chunk apart (up to 9 MB in the output projection), 1B Q4_0 decode took 27.8-28.6 ms per token against
     * 27.0-27.5 with runs of 256 rows and 26.8-27.7 with 128 (2 threads, the variants interleaved in one process,
     * load 5-7); runs of a fixed 128 or 256 KB took 28.4-30.3 (ffn_down's rows are 4,608 bytes: its streams were
     * only 7 to 14 rows long). Q4_K rows keep one run per range: in runs of 256, 1B Q4_K_M decode took 52.6-55.0 ms
     * per token against 51.2-54.0 (interleaved, load 4).
     */
    private static final int SPAN_ROWS = 256;
    private static final int NIBBLE_BYTES = 512;
    private static final int SCALE_BYTES = 64;
    /**
     * The f32 bits that an f16 in the high half of an int lane, shifted right arithmetically by 3, lands on: its
     * sign (bit 31, which the shift also copies into bits 28-30, cleared here), exponent (bits 23-27) and
     * mantissa (bits 13-22); times 2^112 (the difference of the exponent biases) that is the f16's value, exactly,
     * for every finite f16 (checked over all 63,488): 3-4 vector operations where masking the magnitude and or-ing
     * the sign took 5-6.
     */
    private static final int HALF_BITS = 0x8FFFE000;
    private static final float HALF_EXPONENT_FIX = 0x1p112f;
    /** Nibble 0 of both 16-bit halves of an int lane (after shifting nibble k down by 4k bits). */
    private static final int NIBBLES = 0x000F000F;

    private final MemorySegment data;
    private final int rows;
    private final int cols;
    private final int groups;
    /** Q4_K (per-block scale and minimum) rather than Q4_0. */
    private final boolean offsets;
    private final long groupBytes;

    PackedQ4Rows(MemorySegment data, int rows, int cols, boolean offsets) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.groups = QuantizedActivations.groups(cols);
        this.offsets = offsets;
        this.groupBytes = groupBytes(offsets);
    }

    private static long groupBytes(boolean offsets) {
        return NIBBLE_BYTES + SCALE_BYTES + (offsets ? SCALE_BYTES : 0);
    }

    /** Bytes of {@code rows} packed rows of {@code cols} elements. */
    static long bytes(GgmlType type, int rows, int cols) {
        return (long) rows * QuantizedActivations.groups(cols) * groupBytes(type == GgmlType.Q4_K);
    }

    @Override
    public MemorySegment data() {
        return data;
    }

    @Override
    public float dot(int row, QuantizedActivations x) {
        long at = row * groups * groupBytes;
        return offsets ? dotQ4K(data, at, x.nibbleTerms, x.offsets, x.scales, x.sums, groups)
                : dotQ4_0(data, at, x.nibbleTerms, x.offsets, x.scales, groups);
    }

    /**
     * One token's products over rows {@code [start, end)} (a thread's share of a decode product), in runs of
     * {@link #SPAN_ROWS} rows (Q4_0) or in one run (Q4_K), each read as four sequential streams a quarter of the run
     * apart: several streams keep
     * more cache lines in flight than one (a decode step waits on memory here, not on arithmetic), and each
     * activation load serves every row.
     */
    @Override
    public void dotRows(int start, int end, QuantizedActivations x, float[] out, int outOffset) {
        int span = offsets ? Math.max(1, end - start) : SPAN_ROWS;
        for (int from = start; from < end; from += span) {
            dotSpan(from, Math.min(end, from + span), x, out, outOffset + from - start);
        }
    }

    private void dotSpan(int start, int end, QuantizedActivations x, float[] out, int outOffset) {
        long rowBytes = groups * groupBytes;
        int part = (end - start) / 4;
        for (int i = 0; i < part; i++) {
            long at = (start + i) * rowBytes;
            if (offsets) {
                dotFourQ4K(data, at, part * rowBytes, x.nibbleTerms, x.offsets, x.scales, x.sums, groups, out,
                        outOffset + i, part);
            } else {
                dotFourQ4_0(data, at, part * rowBytes, x.nibbleTerms, x.offsets, x.scales, groups, out, outOffset + i,
                        part);
            }
        }
        for (int r = start + 4 * part; r < end; r++) {
            out[outOffset + r - start] = dot(r, x);
        }
    }

    @Override
    public int touchInterleaved(int row, int group) {
        return Vectors.touchLines(data, ((long) row * groups + group) * groupBytes, groupBytes);
    }

    /*
     * dotQ4_0 for rows at {@code at + j * apart} (j = 0..3), into {@code out[o + j * stride]}: the same integer sums
     * and float tail per row as dotQ4_0, the activations loaded once for the four. The loads of a group's parts run
     * as one loop of 8 * PARTS with each part's tail inside it (the block offsets join the sums there, which modulo
     * 2^16 is the same as starting from them), not as a loop of parts around a loop of 8: C2 set up the range
     * checks of each short inner loop anew, about 60 scalar instructions per entry. One thread, 2,048-column rows,
     * thread CPU time, the two forms interleaved in one process: Q4_0 21.7 -> 23.1 G multiply-adds/s L3-resident,
     * 20.6 -> 22.2 streaming; Q4_K (dotFourQ4K) 17.4 -> 19.4 and 17.9 -> 20.0.
     */
    private static void dotFourQ4_0(MemorySegment w, long at, long apart, short[] xt, short[] xo8, float[] xs,
                                    int groups, float[] out, int o, int stride) {
        ShortVector by4 = ShortVector.broadcast(S, (short) 4);
        ShortVector by8 = ShortVector.broadcast(S, (short) 8);
        ShortVector by12 = ShortVector.broadcast(S, (short) 12);
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += NIBBLE_BYTES + SCALE_BYTES) {
            ShortVector s0 = ShortVector.zero(S);
            ShortVector s1 = ShortVector.zero(S);
            ShortVector s2 = ShortVector.zero(S);
            ShortVector s3 = ShortVector.zero(S);
            for (int j = 0; j < 8 * PARTS; j++) {
                int p = j >> 3;
                int k = j & 7;
                long pat = at + (long) p * PART_BYTES;
                int xb = g * GROUP * BLOCK + p * LANES;
                int xo = xb + 4 * GROUP * k;
                ShortVector t0 = ShortVector.fromArray(S, xt, xo);
                ShortVector t1 = ShortVector.fromArray(S, xt, xo + GROUP);
                ShortVector t2 = ShortVector.fromArray(S, xt, xo + 2 * GROUP);
                ShortVector t3 = ShortVector.fromArray(S, xt, xo + 3 * GROUP);
                ShortVector v;
                ShortVector v4;
                ShortVector v8;
                ShortVector v12;
                v = ShortVector.fromMemorySegment(S, w, pat + 64L * k, LE);
                v4 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by4) : v.lanewise(VectorOperators.LSHR, 4);
                v8 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by8) : v.lanewise(VectorOperators.LSHR, 8);
                v12 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by12) : v.lanewise(VectorOperators.LSHR, 12);
                s0 = s0.add(v.mul(t0).add(v4.mul(t1))
                        .add(v8.mul(t2))
                        .add(v12.mul(t3)));
                v = ShortVector.fromMemorySegment(S, w, pat + apart + 64L * k, LE);
                v4 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by4) : v.lanewise(VectorOperators.LSHR, 4);
                v8 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by8) : v.lanewise(VectorOperators.LSHR, 8);
                v12 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by12) : v.lanewise(VectorOperators.LSHR, 12);
                s1 = s1.add(v.mul(t0).add(v4.mul(t1))
                        .add(v8.mul(t2))
                        .add(v12.mul(t3)));
                v = ShortVector.fromMemorySegment(S, w, pat + 2 * apart + 64L * k, LE);
                v4 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by4) : v.lanewise(VectorOperators.LSHR, 4);
                v8 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by8) : v.lanewise(VectorOperators.LSHR, 8);
                v12 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by12) : v.lanewise(VectorOperators.LSHR, 12);
                s2 = s2.add(v.mul(t0).add(v4.mul(t1))
                        .add(v8.mul(t2))
                        .add(v12.mul(t3)));
                v = ShortVector.fromMemorySegment(S, w, pat + 3 * apart + 64L * k, LE);
                v4 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by4) : v.lanewise(VectorOperators.LSHR, 4);
                v8 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by8) : v.lanewise(VectorOperators.LSHR, 8);
                v12 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by12) : v.lanewise(VectorOperators.LSHR, 12);
                s3 = s3.add(v.mul(t0).add(v4.mul(t1))
                        .add(v8.mul(t2))
                        .add(v12.mul(t3)));
                if (k == 7) {
                    ShortVector start = ShortVector.fromArray(S, xo8, g * GROUP + p * LANES);
                    s0 = s0.add(start);
                    s1 = s1.add(start);
                    s2 = s2.add(start);
                    s3 = s3.add(start);
                    int so = g * GROUP + p * PAIRS;
                    FloatVector xsEven = FloatVector.fromArray(F, xs, so);
                    FloatVector xsOdd = FloatVector.fromArray(F, xs, so + GROUP / 2);
                    IntVector i0 = s0.reinterpretAsInts();
                    IntVector f0 = IntVector.fromMemorySegment(I, w, pat + NIBBLE_BYTES, LE);
                    FloatVector odd0 = ((FloatVector) i0.lanewise(VectorOperators.ASHR, 16)
                            .convert(VectorOperators.I2F, 0)).mul(xsOdd);
                    FloatVector even0 = ((FloatVector) i0.lanewise(VectorOperators.LSHL, 16)
                            .lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(xsEven);
                    acc0 = odd0.fma(f0.lanewise(VectorOperators.ASHR, 3).and(HALF_BITS).reinterpretAsFloats()
                                    .mul(HALF_EXPONENT_FIX),
                            even0.fma(f0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3)
                                    .and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX), acc0));
                    IntVector i1 = s1.reinterpretAsInts();
                    IntVector f1 = IntVector.fromMemorySegment(I, w, pat + apart + NIBBLE_BYTES, LE);
                    FloatVector odd1 = ((FloatVector) i1.lanewise(VectorOperators.ASHR, 16)
                            .convert(VectorOperators.I2F, 0)).mul(xsOdd);
                    FloatVector even1 = ((FloatVector) i1.lanewise(VectorOperators.LSHL, 16)
                            .lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(xsEven);
                    acc1 = odd1.fma(f1.lanewise(VectorOperators.ASHR, 3).and(HALF_BITS).reinterpretAsFloats()
                                    .mul(HALF_EXPONENT_FIX),
                            even1.fma(f1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3)
                                    .and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX), acc1));
                    IntVector i2 = s2.reinterpretAsInts();
                    IntVector f2 = IntVector.fromMemorySegment(I, w, pat + 2 * apart + NIBBLE_BYTES, LE);
                    FloatVector odd2 = ((FloatVector) i2.lanewise(VectorOperators.ASHR, 16)
                            .convert(VectorOperators.I2F, 0)).mul(xsOdd);
                    FloatVector even2 = ((FloatVector) i2.lanewise(VectorOperators.LSHL, 16)
                            .lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(xsEven);
                    acc2 = odd2.fma(f2.lanewise(VectorOperators.ASHR, 3).and(HALF_BITS).reinterpretAsFloats()
                                    .mul(HALF_EXPONENT_FIX),
                            even2.fma(f2.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3)
                                    .and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX), acc2));
                    IntVector i3 = s3.reinterpretAsInts();
                    IntVector f3 = IntVector.fromMemorySegment(I, w, pat + 3 * apart + NIBBLE_BYTES, LE);
                    FloatVector odd3 = ((FloatVector) i3.lanewise(VectorOperators.ASHR, 16)
                            .convert(VectorOperators.I2F, 0)).mul(xsOdd);
                    FloatVector even3 = ((FloatVector) i3.lanewise(VectorOperators.LSHL, 16)
                            .lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(xsEven);
                    acc3 = odd3.fma(f3.lanewise(VectorOperators.ASHR, 3).and(HALF_BITS).reinterpretAsFloats()
                                    .mul(HALF_EXPONENT_FIX),
                            even3.fma(f3.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3)
                                    .and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX), acc3));
                    s0 = ShortVector.zero(S);
                    s1 = ShortVector.zero(S);
                    s2 = ShortVector.zero(S);
                    s3 = ShortVector.zero(S);
                }
            }
        }
        out[o] = acc0.reduceLanes(VectorOperators.ADD);
        out[o + 1 * stride] = acc1.reduceLanes(VectorOperators.ADD);
        out[o + 2 * stride] = acc2.reduceLanes(VectorOperators.ADD);
        out[o + 3 * stride] = acc3.reduceLanes(VectorOperators.ADD);
    }

    /*
     * dotQ4K for the rows at {@code at + j * apart} (j = 0..3), into {@code out[o + j * stride]}: the nibble loop
     * written out per row as in dotFourQ4_0 and in one loop over the parts' loads like it, the long per-part tail
     * once in a loop over the rows that C2 unrolls.
     * Four copies of that tail made the method too large for C1 ("out of virtual registers in linear scan"), which
     * then ran interpreted (0.2 tokens/s) until C2 took it.
     */
    private static void dotFourQ4K(MemorySegment w, long at, long apart, short[] xt, short[] xo8, float[] xs,
                                   float[] xsum, int groups, float[] out, int o, int stride) {
        ShortVector by4 = ShortVector.broadcast(S, (short) 4);
        ShortVector by8 = ShortVector.broadcast(S, (short) 8);
        ShortVector by12 = ShortVector.broadcast(S, (short) 12);
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += NIBBLE_BYTES + 2 * SCALE_BYTES) {
            ShortVector s0 = ShortVector.zero(S);
            ShortVector s1 = ShortVector.zero(S);
            ShortVector s2 = ShortVector.zero(S);
            ShortVector s3 = ShortVector.zero(S);
            for (int j = 0; j < 8 * PARTS; j++) {
                int p = j >> 3;
                int k = j & 7;
                long pat = at + (long) p * PART_BYTES;
                int xb = g * GROUP * BLOCK + p * LANES;
                int xo = xb + 4 * GROUP * k;
                ShortVector t0 = ShortVector.fromArray(S, xt, xo);
                ShortVector t1 = ShortVector.fromArray(S, xt, xo + GROUP);
                ShortVector t2 = ShortVector.fromArray(S, xt, xo + 2 * GROUP);
                ShortVector t3 = ShortVector.fromArray(S, xt, xo + 3 * GROUP);
                ShortVector v;
                ShortVector v4;
                ShortVector v8;
                ShortVector v12;
                v = ShortVector.fromMemorySegment(S, w, pat + 64L * k, LE);
                v4 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by4) : v.lanewise(VectorOperators.LSHR, 4);
                v8 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by8) : v.lanewise(VectorOperators.LSHR, 8);
                v12 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by12) : v.lanewise(VectorOperators.LSHR, 12);
                s0 = s0.add(v.mul(t0).add(v4.mul(t1))
                        .add(v8.mul(t2))
                        .add(v12.mul(t3)));
                v = ShortVector.fromMemorySegment(S, w, pat + apart + 64L * k, LE);
                v4 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by4) : v.lanewise(VectorOperators.LSHR, 4);
                v8 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by8) : v.lanewise(VectorOperators.LSHR, 8);
                v12 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by12) : v.lanewise(VectorOperators.LSHR, 12);
                s1 = s1.add(v.mul(t0).add(v4.mul(t1))
                        .add(v8.mul(t2))
                        .add(v12.mul(t3)));
                v = ShortVector.fromMemorySegment(S, w, pat + 2 * apart + 64L * k, LE);
                v4 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by4) : v.lanewise(VectorOperators.LSHR, 4);
                v8 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by8) : v.lanewise(VectorOperators.LSHR, 8);
                v12 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by12) : v.lanewise(VectorOperators.LSHR, 12);
                s2 = s2.add(v.mul(t0).add(v4.mul(t1))
                        .add(v8.mul(t2))
                        .add(v12.mul(t3)));
                v = ShortVector.fromMemorySegment(S, w, pat + 3 * apart + 64L * k, LE);
                v4 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by4) : v.lanewise(VectorOperators.LSHR, 4);
                v8 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by8) : v.lanewise(VectorOperators.LSHR, 8);
                v12 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by12) : v.lanewise(VectorOperators.LSHR, 12);
                s3 = s3.add(v.mul(t0).add(v4.mul(t1))
                        .add(v8.mul(t2))
                        .add(v12.mul(t3)));
                if (k == 7) {
                    ShortVector start = ShortVector.fromArray(S, xo8, g * GROUP + p * LANES);
                    s0 = s0.add(start);
                    s1 = s1.add(start);
                    s2 = s2.add(start);
                    s3 = s3.add(start);
                    int so = g * GROUP + p * PAIRS;
                    FloatVector xsEven = FloatVector.fromArray(F, xs, so);
                    FloatVector xsOdd = FloatVector.fromArray(F, xs, so + GROUP / 2);
                    FloatVector sumEven = FloatVector.fromArray(F, xsum, so);
                    FloatVector sumOdd = FloatVector.fromArray(F, xsum, so + GROUP / 2);
                    FloatVector sumEven8 = sumEven.mul(8);
                    FloatVector sumOdd8 = sumOdd.mul(8);
                    for (int r = 0; r < 4; r++) {
                        IntVector i0 = (r == 0 ? s0 : r == 1 ? s1 : r == 2 ? s2 : s3).reinterpretAsInts();
                        IntVector f0 = IntVector.fromMemorySegment(I, w, pat + r * apart + NIBBLE_BYTES, LE);
                        IntVector h0 = IntVector.fromMemorySegment(I, w,
                                pat + r * apart + NIBBLE_BYTES + SCALE_BYTES, LE);
                        FloatVector scaled = ((FloatVector) i0.lanewise(VectorOperators.LSHL, 16)
                                .lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                                .fma(xsEven, sumEven8)
                                .mul((FloatVector) f0.and(0xFF).convert(VectorOperators.I2F, 0))
                                .add(((FloatVector) i0.lanewise(VectorOperators.ASHR, 16)
                                        .convert(VectorOperators.I2F, 0)).fma(xsOdd, sumOdd8)
                                        .mul((FloatVector) f0.lanewise(VectorOperators.LSHR, 16).and(0xFF)
                                                .convert(VectorOperators.I2F, 0)));
                        FloatVector d = h0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3)
                                .and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX);
                        FloatVector mins = sumEven.mul((FloatVector) f0.lanewise(VectorOperators.LSHR, 8).and(0xFF)
                                .convert(VectorOperators.I2F, 0))
                                .add(sumOdd.mul((FloatVector) f0.lanewise(VectorOperators.LSHR, 24)
                                        .convert(VectorOperators.I2F, 0)));
                        FloatVector dmin = h0.lanewise(VectorOperators.ASHR, 3).and(HALF_BITS).reinterpretAsFloats()
                                .mul(HALF_EXPONENT_FIX);
                        // the row's blocks minus their offsets, d * scaled - dmin * mins, in one accumulator
                        FloatVector part = scaled.mul(d).sub(mins.mul(dmin));
                        if (r == 0) {
                            acc0 = acc0.add(part);
                        } else if (r == 1) {
                            acc1 = acc1.add(part);
                        } else if (r == 2) {
                            acc2 = acc2.add(part);
                        } else {
                            acc3 = acc3.add(part);
                        }
                    }
                    s0 = ShortVector.zero(S);
                    s1 = ShortVector.zero(S);
                    s2 = ShortVector.zero(S);
                    s3 = ShortVector.zero(S);
                }
            }
        }
        out[o] = acc0.reduceLanes(VectorOperators.ADD);
        out[o + stride] = acc1.reduceLanes(VectorOperators.ADD);
        out[o + 2 * stride] = acc2.reduceLanes(VectorOperators.ADD);
        out[o + 3 * stride] = acc3.reduceLanes(VectorOperators.ADD);
    }

    /*
     * The hot loops of decode, each kept in one method so that no vector crosses a call (the JIT boxes vectors that
     * do); the nibble loop is therefore written out in each. A 64-byte load holds, per 16-bit lane, the unsigned
     * nibbles v = n0 + 16 n1 + 256 n2 + 4096 n3 of four elements of one block; with the activation terms
     * t0 = x0, ti = xi - 16 x(i-1) (QuantizedActivations#nibbleTerms), v * t0 + (v >>> 4) * t1 + (v >>> 8) * t2 +
     * (v >>> 12) * t3 = sum ni * xi modulo 2^16: the higher nibbles that each shifted lane still holds cancel those
     * of the product before it, so no nibble is masked. That is 3 shifts, 4 multiplies and 4 adds per load, where
     * masking each nibble took 4 more ands. The shifts take their counts from a vector (vpsrlvw, one uop): C2 gives a
     * 16-bit lane shift by a constant its count in an xmm register (vpsrlw, two uops), and int lane shifts would
     * carry the odd lane's nibbles into the even one. In L2, one thread, 2,048-column rows, four rows at a time:
     * 21.7-23.0 GB/s of weights masked, 25.5-27.9 telescoped; streaming 1.5 GB: 11.1-11.5 vs 11.8-12.0 (loads alone
     * 13.5-13.9). The products wrap modulo 2^16, but each lane's accumulator starts at -8 * sum(xq) of its block
     * (QuantizedActivations#offsets), so after a group it holds sum (n - 8) * xq, whose true value fits in 16 bits
     * (|sum| <= 32 * 8 * 127): arithmetic modulo 2^16 makes it exact whatever wrapped on the way. Two chains (nibbles
     * 0-1 and 2-3) overlap their adds. Once per 1,024 multiply-adds the shorts split into even and odd int lanes by
     * shifts (convertShape on a 512-bit short vector is not intrinsified and would box), convert to float, and meet
     * the block factors.
     */
    private static float dotQ4_0(MemorySegment w, long at, short[] xt, short[] xo8, float[] xs, int groups) {
        ShortVector by4 = ShortVector.broadcast(S, (short) 4);
        ShortVector by8 = ShortVector.broadcast(S, (short) 8);
        ShortVector by12 = ShortVector.broadcast(S, (short) 12);
        FloatVector acc = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += NIBBLE_BYTES + SCALE_BYTES) {
            for (int p = 0; p < PARTS; p++) {
                long pat = at + (long) p * PART_BYTES;
                ShortVector low = ShortVector.fromArray(S, xo8, g * GROUP + p * LANES);
                ShortVector high = ShortVector.zero(S);
                int xb = g * GROUP * BLOCK + p * LANES;
                for (int k = 0; k < 8; k++) {
                    ShortVector v = ShortVector.fromMemorySegment(S, w, pat + 64L * k, LE);
                    ShortVector v4 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by4)
                            : v.lanewise(VectorOperators.LSHR, 4);
                    ShortVector v8 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by8)
                            : v.lanewise(VectorOperators.LSHR, 8);
                    ShortVector v12 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by12)
                            : v.lanewise(VectorOperators.LSHR, 12);
                    int xo = xb + 4 * GROUP * k;
                    low = low.add(v.mul(ShortVector.fromArray(S, xt, xo)))
                            .add(v4.mul(ShortVector.fromArray(S, xt, xo + GROUP)));
                    high = high.add(v8.mul(ShortVector.fromArray(S, xt, xo + 2 * GROUP)))
                            .add(v12.mul(ShortVector.fromArray(S, xt, xo + 3 * GROUP)));
                }
                IntVector sums = low.add(high).reinterpretAsInts();
                FloatVector even = (FloatVector) sums.lanewise(VectorOperators.LSHL, 16)
                        .lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0);
                FloatVector odd = (FloatVector) sums.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0);
                IntVector scales = IntVector.fromMemorySegment(I, w, pat + NIBBLE_BYTES, LE);
                FloatVector evenScale = scales.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3)
                        .and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX);
                FloatVector oddScale = scales.lanewise(VectorOperators.ASHR, 3).and(HALF_BITS).reinterpretAsFloats()
                        .mul(HALF_EXPONENT_FIX);
                int so = g * GROUP + p * PAIRS;
                acc = even.mul(FloatVector.fromArray(F, xs, so)).fma(evenScale, acc);
                acc = odd.mul(FloatVector.fromArray(F, xs, so + GROUP / 2)).fma(oddScale, acc);
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** Q4_0 unpacks each load of nibbles once for two to four tokens; Q4_K takes {@link #dot} per token. */
    @Override
    public void dots(int row, QuantizedActivations[] x, int count, float[] out, int outOffset, int outStride) {
        if (offsets) {
            PackedRows.super.dots(row, x, count, out, outOffset, outStride);
            return;
        }
        long at = row * groups * groupBytes;
        int t = 0;
        for (; count - t >= 3; t += 4) {
            int last = Math.min(count, t + 4) - 1;
            dotsQ4_0(data, at, x[t], x[t + 1], x[t + 2], x[last], groups, out, outOffset + t * outStride, outStride,
                    last - t + 1);
        }
        // two tokens left: a two-token pass (four-token groups would spend more on the repeated ones than they share)
        if (count - t == 2) {
            dotsQ4_0Two(data, at, x[t], x[t + 1], groups, out, outOffset + t * outStride, outStride);
            t += 2;
        }
        for (; t < count; t++) {
            out[outOffset + t * outStride] = dotQ4_0(data, at, x[t].nibbleTerms, x[t].offsets, x[t].scales, groups);
        }
    }

    /*
     * dotsQ4_0 for two tokens (two streams, or the last two of a batch): the nibbles of each load are extracted once
     * for both, halving the shifts and the weight reads per product. The same sums, in the same order, as dotQ4_0.
     */
    private static void dotsQ4_0Two(MemorySegment w, long at, QuantizedActivations x0, QuantizedActivations x1,
                                    int groups, float[] out, int o, int stride) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        short[] q0 = x0.values;
        short[] q1 = x1.values;
        for (int g = 0; g < groups; g++, at += NIBBLE_BYTES + SCALE_BYTES) {
            for (int p = 0; p < PARTS; p++) {
                long pat = at + (long) p * PART_BYTES;
                ShortVector low0 = ShortVector.fromArray(S, x0.offsets, g * GROUP + p * LANES);
                ShortVector high0 = ShortVector.zero(S);
                ShortVector low1 = ShortVector.fromArray(S, x1.offsets, g * GROUP + p * LANES);
                ShortVector high1 = ShortVector.zero(S);
                int xb = g * GROUP * BLOCK + p * LANES;
                for (int k = 0; k < 8; k++) {
                    IntVector packed = IntVector.fromMemorySegment(I, w, pat + 64L * k, LE);
                    ShortVector n0 = packed.and(NIBBLES).reinterpretAsShorts();
                    ShortVector n1 = packed.lanewise(VectorOperators.LSHR, 4).and(NIBBLES).reinterpretAsShorts();
                    ShortVector n2 = packed.lanewise(VectorOperators.LSHR, 8).and(NIBBLES).reinterpretAsShorts();
                    ShortVector n3 = packed.lanewise(VectorOperators.LSHR, 12).and(NIBBLES).reinterpretAsShorts();
                    int xo = xb + 4 * GROUP * k;
                    // the same two chains per token as dotQ4_0 (nibbles 0-1 and 2-3), in the same order
                    low0 = low0.add(n0.mul(ShortVector.fromArray(S, q0, xo)));
                    high0 = high0.add(n2.mul(ShortVector.fromArray(S, q0, xo + 2 * GROUP)));
                    low1 = low1.add(n0.mul(ShortVector.fromArray(S, q1, xo)));
                    high1 = high1.add(n2.mul(ShortVector.fromArray(S, q1, xo + 2 * GROUP)));
                    low0 = low0.add(n1.mul(ShortVector.fromArray(S, q0, xo + GROUP)));
                    high0 = high0.add(n3.mul(ShortVector.fromArray(S, q0, xo + 3 * GROUP)));
                    low1 = low1.add(n1.mul(ShortVector.fromArray(S, q1, xo + GROUP)));
                    high1 = high1.add(n3.mul(ShortVector.fromArray(S, q1, xo + 3 * GROUP)));
                }
                IntVector scales = IntVector.fromMemorySegment(I, w, pat + NIBBLE_BYTES, LE);
                FloatVector evenScale = scales.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3)
                        .and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX);
                FloatVector oddScale = scales.lanewise(VectorOperators.ASHR, 3).and(HALF_BITS).reinterpretAsFloats()
                        .mul(HALF_EXPONENT_FIX);
                int so = g * GROUP + p * PAIRS;
                IntVector i0 = low0.add(high0).reinterpretAsInts();
                acc0 = ((FloatVector) i0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x0.scales, so))
                                .fma(evenScale, acc0);
                acc0 = ((FloatVector) i0.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                        .mul(FloatVector.fromArray(F, x0.scales, so + GROUP / 2)).fma(oddScale, acc0);
                IntVector i1 = low1.add(high1).reinterpretAsInts();
                acc1 = ((FloatVector) i1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x1.scales, so))
                                .fma(evenScale, acc1);
                acc1 = ((FloatVector) i1.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                        .mul(FloatVector.fromArray(F, x1.scales, so + GROUP / 2)).fma(oddScale, acc1);
            }
        }
        out[o] = acc0.reduceLanes(VectorOperators.ADD);
        out[o + stride] = acc1.reduceLanes(VectorOperators.ADD);
    }

    /*
     * dotQ4_0 for four tokens at once (a group of three repeats its last token, computed again but not stored):
     * the nibbles of each 64-byte load are extracted once into four vectors that meet every token's
     * activations, so the shifts, which share a port with the 16-bit multiplies, are paid once per four tokens.
     * One 16-bit accumulator per token and group (|sum| <= 32 * 8 * 127 still holds); the float tail runs per token.
     */
    private static void dotsQ4_0(MemorySegment w, long at, QuantizedActivations x0, QuantizedActivations x1,
                                 QuantizedActivations x2, QuantizedActivations x3, int groups, float[] out, int o,
                                 int stride, int count) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        short[] q0 = x0.values;
        short[] q1 = x1.values;
        short[] q2 = x2.values;
        short[] q3 = x3.values;
        for (int g = 0; g < groups; g++, at += NIBBLE_BYTES + SCALE_BYTES) {
            for (int p = 0; p < PARTS; p++) {
                long pat = at + (long) p * PART_BYTES;
                ShortVector s0 = ShortVector.fromArray(S, x0.offsets, g * GROUP + p * LANES);
                ShortVector s1 = ShortVector.fromArray(S, x1.offsets, g * GROUP + p * LANES);
                ShortVector s2 = ShortVector.fromArray(S, x2.offsets, g * GROUP + p * LANES);
                ShortVector s3 = ShortVector.fromArray(S, x3.offsets, g * GROUP + p * LANES);
                int xb = g * GROUP * BLOCK + p * LANES;
                for (int k = 0; k < 8; k++) {
                    IntVector packed = IntVector.fromMemorySegment(I, w, pat + 64L * k, LE);
                    ShortVector n0 = packed.and(NIBBLES).reinterpretAsShorts();
                    ShortVector n1 = packed.lanewise(VectorOperators.LSHR, 4).and(NIBBLES).reinterpretAsShorts();
                    ShortVector n2 = packed.lanewise(VectorOperators.LSHR, 8).and(NIBBLES).reinterpretAsShorts();
                    ShortVector n3 = packed.lanewise(VectorOperators.LSHR, 12).and(NIBBLES).reinterpretAsShorts();
                    int xo = xb + 4 * GROUP * k;
                    s0 = s0.add(n0.mul(ShortVector.fromArray(S, q0, xo)))
                            .add(n1.mul(ShortVector.fromArray(S, q0, xo + GROUP)))
                            .add(n2.mul(ShortVector.fromArray(S, q0, xo + 2 * GROUP)))
                            .add(n3.mul(ShortVector.fromArray(S, q0, xo + 3 * GROUP)));
                    s1 = s1.add(n0.mul(ShortVector.fromArray(S, q1, xo)))
                            .add(n1.mul(ShortVector.fromArray(S, q1, xo + GROUP)))
                            .add(n2.mul(ShortVector.fromArray(S, q1, xo + 2 * GROUP)))
                            .add(n3.mul(ShortVector.fromArray(S, q1, xo + 3 * GROUP)));
                    s2 = s2.add(n0.mul(ShortVector.fromArray(S, q2, xo)))
                            .add(n1.mul(ShortVector.fromArray(S, q2, xo + GROUP)))
                            .add(n2.mul(ShortVector.fromArray(S, q2, xo + 2 * GROUP)))
                            .add(n3.mul(ShortVector.fromArray(S, q2, xo + 3 * GROUP)));
                    s3 = s3.add(n0.mul(ShortVector.fromArray(S, q3, xo)))
                            .add(n1.mul(ShortVector.fromArray(S, q3, xo + GROUP)))
                            .add(n2.mul(ShortVector.fromArray(S, q3, xo + 2 * GROUP)))
                            .add(n3.mul(ShortVector.fromArray(S, q3, xo + 3 * GROUP)));
                }
                IntVector scales = IntVector.fromMemorySegment(I, w, pat + NIBBLE_BYTES, LE);
                FloatVector evenScale = scales.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3)
                        .and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX);
                FloatVector oddScale = scales.lanewise(VectorOperators.ASHR, 3).and(HALF_BITS).reinterpretAsFloats()
                        .mul(HALF_EXPONENT_FIX);
                int so = g * GROUP + p * PAIRS;
                IntVector i0 = s0.reinterpretAsInts();
                acc0 = ((FloatVector) i0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x0.scales, so))
                                .fma(evenScale, acc0);
                acc0 = ((FloatVector) i0.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                        .mul(FloatVector.fromArray(F, x0.scales, so + GROUP / 2)).fma(oddScale, acc0);
                IntVector i1 = s1.reinterpretAsInts();
                acc1 = ((FloatVector) i1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x1.scales, so))
                                .fma(evenScale, acc1);
                acc1 = ((FloatVector) i1.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                        .mul(FloatVector.fromArray(F, x1.scales, so + GROUP / 2)).fma(oddScale, acc1);
                IntVector i2 = s2.reinterpretAsInts();
                acc2 = ((FloatVector) i2.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x2.scales, so))
                                .fma(evenScale, acc2);
                acc2 = ((FloatVector) i2.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                        .mul(FloatVector.fromArray(F, x2.scales, so + GROUP / 2)).fma(oddScale, acc2);
                IntVector i3 = s3.reinterpretAsInts();
                acc3 = ((FloatVector) i3.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(F, x3.scales, so))
                                .fma(evenScale, acc3);
                acc3 = ((FloatVector) i3.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                        .mul(FloatVector.fromArray(F, x3.scales, so + GROUP / 2)).fma(oddScale, acc3);
            }
            out[o] = acc0.reduceLanes(VectorOperators.ADD);
            if (count > 1) {
                out[o + stride] = acc1.reduceLanes(VectorOperators.ADD);
            }
            if (count > 2) {
                out[o + 2 * stride] = acc2.reduceLanes(VectorOperators.ADD);
            }
            if (count > 3) {
                out[o + 3 * stride] = acc3.reduceLanes(VectorOperators.ADD);
            }
        }
    }

    /**
     * Q4_K: per block {@code d*sc * (sum q*xq * xd + 8 * xsum) - dmin*m * xsum}, with the 6-bit {@code sc, m} and
     * the f16 {@code d, dmin} widened in int lanes.
     */
    private static float dotQ4K(MemorySegment w, long at, short[] xt, short[] xo8, float[] xs, float[] xsum,
                                int groups) {
        ShortVector by4 = ShortVector.broadcast(S, (short) 4);
        ShortVector by8 = ShortVector.broadcast(S, (short) 8);
        ShortVector by12 = ShortVector.broadcast(S, (short) 12);
        FloatVector acc = FloatVector.zero(F);
        FloatVector minAcc = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += NIBBLE_BYTES + 2 * SCALE_BYTES) {
            for (int p = 0; p < PARTS; p++) {
                long pat = at + (long) p * PART_BYTES;
                ShortVector low = ShortVector.fromArray(S, xo8, g * GROUP + p * LANES);
                ShortVector high = ShortVector.zero(S);
                int xb = g * GROUP * BLOCK + p * LANES;
                for (int k = 0; k < 8; k++) {
                    ShortVector v = ShortVector.fromMemorySegment(S, w, pat + 64L * k, LE);
                    ShortVector v4 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by4)
                            : v.lanewise(VectorOperators.LSHR, 4);
                    ShortVector v8 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by8)
                            : v.lanewise(VectorOperators.LSHR, 8);
                    ShortVector v12 = COUNT_VECTORS ? v.lanewise(VectorOperators.LSHR, by12)
                            : v.lanewise(VectorOperators.LSHR, 12);
                    int xo = xb + 4 * GROUP * k;
                    low = low.add(v.mul(ShortVector.fromArray(S, xt, xo)))
                            .add(v4.mul(ShortVector.fromArray(S, xt, xo + GROUP)));
                    high = high.add(v8.mul(ShortVector.fromArray(S, xt, xo + 2 * GROUP)))
                            .add(v12.mul(ShortVector.fromArray(S, xt, xo + 3 * GROUP)));
                }
                IntVector sums = low.add(high).reinterpretAsInts();
                FloatVector even = (FloatVector) sums.lanewise(VectorOperators.LSHL, 16)
                        .lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0);
                FloatVector odd = (FloatVector) sums.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0);
                int so = g * GROUP + p * PAIRS;
                FloatVector xsEven = FloatVector.fromArray(F, xs, so);
                FloatVector xsOdd = FloatVector.fromArray(F, xs, so + GROUP / 2);
                FloatVector sumEven = FloatVector.fromArray(F, xsum, so);
                FloatVector sumOdd = FloatVector.fromArray(F, xsum, so + GROUP / 2);
                IntVector factors = IntVector.fromMemorySegment(I, w, pat + NIBBLE_BYTES, LE);
                FloatVector scEven = (FloatVector) factors.and(0xFF).convert(VectorOperators.I2F, 0);
                FloatVector mEven = (FloatVector) factors.lanewise(VectorOperators.LSHR, 8).and(0xFF)
                        .convert(VectorOperators.I2F, 0);
                FloatVector scOdd = (FloatVector) factors.lanewise(VectorOperators.LSHR, 16).and(0xFF)
                        .convert(VectorOperators.I2F, 0);
                FloatVector mOdd = (FloatVector) factors.lanewise(VectorOperators.LSHR, 24)
                        .convert(VectorOperators.I2F, 0);
                IntVector halves = IntVector.fromMemorySegment(I, w, pat + NIBBLE_BYTES + SCALE_BYTES, LE);
                FloatVector d = halves.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3)
                        .and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX);
                FloatVector dmin = halves.lanewise(VectorOperators.ASHR, 3).and(HALF_BITS).reinterpretAsFloats()
                        .mul(HALF_EXPONENT_FIX);
                FloatVector blocks = even.fma(xsEven, sumEven.mul(8)).mul(scEven)
                        .add(odd.fma(xsOdd, sumOdd.mul(8)).mul(scOdd));
                acc = blocks.fma(d, acc);
                minAcc = sumEven.mul(mEven).add(sumOdd.mul(mOdd)).fma(dmin, minAcc);
            }
        }
        return acc.sub(minAcc).reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void dequantize(int row, float[] dst, int dstOffset) {
        long rowAt = row * groups * groupBytes;
        int blocks = cols / BLOCK;
        for (int block = 0; block < blocks; block++) {
            long at = rowAt + (block / GROUP) * groupBytes;
            int b = block % GROUP;
            float scale;
            float offset = 0;
            if (offsets) {
                int factors = data.get(INT_LE, at + NIBBLE_BYTES + 4L * (b >> 1)) >>> (16 * (b & 1));
                int halves = data.get(INT_LE, at + NIBBLE_BYTES + SCALE_BYTES + 4L * (b >> 1));
                scale = Float.float16ToFloat((short) halves) * (factors & 0xFF);
                offset = 8 * scale - Float.float16ToFloat((short) (halves >>> 16)) * ((factors >>> 8) & 0xFF);
            } else {
                scale = Float.float16ToFloat((short) (data.get(INT_LE, at + NIBBLE_BYTES + 4L * (b >> 1))
                        >>> (16 * (b & 1))));
            }
            int o = dstOffset + block * BLOCK;
            for (int k = 0; k < 8; k++) {
                int lane = data.get(SHORT_LE, at + 64L * k + 2L * b);
                for (int i = 0; i < 4; i++) {
                    int q = ((lane >>> (4 * i)) & 0xF) - 8;
                    dst[o + 4 * k + i] = scale * q + offset;
                }
            }
        }
    }

    /*
     * One method per row, so that no vector crosses a call. Per group: the block factors widen once to even and odd
     * float vectors (weight = n * scale + offset: Q4_0's offset is -8 * scale, Q4_K's -dmin * m); then each nibble of
     * a 64-byte load is shifted to the bottom of its short lane and split into the even and odd blocks' int lanes,
     * which is the packed order.
     */
    @Override
    public void dequantizeInterleaved(int row, int group, float[] dst, int dstOffset) {
        long groupAt = (row * groups + group) * groupBytes;
        for (int p = 0; p < PARTS; p++) {
            long at = groupAt + (long) p * PART_BYTES;
            IntVector factors = IntVector.fromMemorySegment(I, data, at + NIBBLE_BYTES, LE);
            FloatVector evenScale;
            FloatVector oddScale;
            FloatVector evenOffset;
            FloatVector oddOffset;
            if (offsets) {
                IntVector halves = IntVector.fromMemorySegment(I, data, at + NIBBLE_BYTES + SCALE_BYTES, LE);
                FloatVector d = halves.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3)
                        .and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX);
                FloatVector dmin = halves.lanewise(VectorOperators.ASHR, 3).and(HALF_BITS).reinterpretAsFloats()
                        .mul(HALF_EXPONENT_FIX);
                evenScale = ((FloatVector) factors.and(0xFF).convert(VectorOperators.I2F, 0)).mul(d);
                oddScale = ((FloatVector) factors.lanewise(VectorOperators.LSHR, 16).and(0xFF)
                        .convert(VectorOperators.I2F, 0)).mul(d);
                evenOffset = ((FloatVector) factors.lanewise(VectorOperators.LSHR, 8).and(0xFF)
                        .convert(VectorOperators.I2F, 0)).mul(dmin).neg();
                oddOffset = ((FloatVector) factors.lanewise(VectorOperators.LSHR, 24)
                        .convert(VectorOperators.I2F, 0)).mul(dmin).neg();
            } else {
                evenScale = factors.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3)
                        .and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX);
                oddScale = factors.lanewise(VectorOperators.ASHR, 3).and(HALF_BITS).reinterpretAsFloats()
                        .mul(HALF_EXPONENT_FIX);
                evenOffset = evenScale.mul(-8);
                oddOffset = oddScale.mul(-8);
            }
            int o = dstOffset + p * PAIRS;
            for (int k = 0; k < 8; k++) {
                IntVector packed = IntVector.fromMemorySegment(I, data, at + 64L * k, LE);
                for (int i = 0; i < 4; i++) {
                    IntVector n = packed.lanewise(VectorOperators.LSHR, 4 * i).and(NIBBLES);
                    int e = o + (4 * k + i) * GROUP;
                    ((FloatVector) n.and(0xFFFF).convert(VectorOperators.I2F, 0)).fma(evenScale, evenOffset)
                            .intoArray(dst, e);
                    ((FloatVector) n.lanewise(VectorOperators.LSHR, 16).convert(VectorOperators.I2F, 0))
                            .fma(oddScale, oddOffset).intoArray(dst, e + GROUP / 2);
                }
            }
        }
    }

    /** Repacks {@code rows} ggml rows of {@code type} (Q4_0 or Q4_K) from {@code src} into {@code dst}. */
    static void repack(GgmlType type, MemorySegment src, int rows, int cols, MemorySegment dst) {
        boolean offsets = type == GgmlType.Q4_K;
        long groupBytes = groupBytes(offsets);
        int groups = QuantizedActivations.groups(cols);
        long srcRow = (long) cols / BLOCK * 18; // Q4_0 and Q4_K both take 18 bytes per 32 weights
        int[] nibbles = new int[BLOCK];
        short[] factors = new short[2];
        for (int r = 0; r < rows; r++) {
            long rowAt = (long) r * groups * groupBytes;
            dst.asSlice(rowAt, groups * groupBytes).fill((byte) 0);
            for (int block = 0; block < cols / BLOCK; block++) {
                if (offsets) {
                    q4kBlock(src, r * srcRow + (block / 8) * 144L, block % 8, nibbles, factors);
                } else {
                    q4_0Block(src, r * srcRow + block * 18L, nibbles, factors);
                }
                long at = rowAt + (block / GROUP) * groupBytes;
                int b = block % GROUP;
                for (int k = 0; k < 8; k++) {
                    int lane = 0;
                    for (int i = 0; i < 4; i++) {
                        lane |= nibbles[4 * k + i] << (4 * i);
                    }
                    dst.set(SHORT_LE, at + 64L * k + 2L * b, (short) lane);
                }
                long pairAt = 4L * (b >> 1);
                dst.set(SHORT_LE, at + NIBBLE_BYTES + pairAt + 2L * (b & 1), factors[0]);
                if (offsets) {
                    // d and dmin of the super-block, the same for both blocks of the pair
                    long superBlock = r * srcRow + (block / 8) * 144L;
                    dst.set(SHORT_LE, at + NIBBLE_BYTES + SCALE_BYTES + pairAt, src.get(SHORT_LE, superBlock));
                    dst.set(SHORT_LE, at + NIBBLE_BYTES + SCALE_BYTES + pairAt + 2,
                            src.get(SHORT_LE, superBlock + 2));
                }
            }
        }
    }

    /** Unsigned nibbles (0..15) of the Q4_0 block at {@code at} and its f16 d; weight = d * (n - 8). */
    private static void q4_0Block(MemorySegment src, long at, int[] nibbles, short[] factors) {
        for (int j = 0; j < BLOCK / 2; j++) {
            int packed = src.get(ValueLayout.JAVA_BYTE, at + 2 + j) & 0xFF;
            nibbles[j] = packed & 0xF;
            nibbles[j + BLOCK / 2] = packed >>> 4;
        }
        factors[0] = src.get(SHORT_LE, at);
    }

    /**
     * Unsigned nibbles of sub-block {@code s} of the Q4_K super-block at {@code at}, and its 6-bit scale and minimum
     * as one short ({@code sc | m << 8}); weight = d * sc * n - dmin * m.
     */
    private static void q4kBlock(MemorySegment src, long at, int s, int[] nibbles, short[] factors) {
        long qs = at + 16 + 32L * (s / 2);
        int shift = 4 * (s & 1);
        for (int l = 0; l < BLOCK; l++) {
            nibbles[l] = ((src.get(ValueLayout.JAVA_BYTE, qs + l) & 0xFF) >>> shift) & 0xF;
        }
        factors[0] = (short) (KScales.scale(src, at + 4, s) | KScales.min(src, at + 4, s) << 8);
    }
}
