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

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q8_0 rows repacked for 8-bit activations: every weight {@code d * q} with {@code q} (-127..127) one signed byte
 * and an f16 {@code d} per block of 32, the file's own values. A row is a sequence of groups of 32 blocks (the last
 * padded with empty blocks). A group holds:
 * <ul>
 *   <li>16 x 64 bytes of weights: load {@code k} holds, in the 16-bit lane of block {@code b}, element {@code 2k}
 *       plus 128 in its low byte (unsigned) and element {@code 2k + 1} in its high byte (signed): the two bytes
 *       the file stores side by side, the low one's top bit flipped;</li>
 *   <li>64 bytes of scales: the f16 {@code d} of block {@code b} at byte {@code 2b}, so that int {@code j} holds
 *       those of blocks {@code 2j} (low half) and {@code 2j + 1} (high half).</li>
 * </ul>
 * 34 bytes per 32 weights, as in the file. Immutable and thread-safe.
 */
final class PackedQ8Rows implements PackedRows {
    private static final ValueLayout.OfShort SHORT_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int WEIGHT_BYTES = 1024;
    private static final int GROUP_BYTES = WEIGHT_BYTES + 64;
    private static final int FILE_BLOCK_BYTES = 34;
    /** f16 magnitude bits moved to f32 position (bits 13..27). */
    private static final int HALF_MAGNITUDE = 0x0FFFE000;
    private static final float HALF_EXPONENT_FIX = 0x1p112f;
    /** The offset 32768 of each 16-bit pair sum, over the 16 pairs of a block. */
    private static final int BIAS_TOTAL = 16 * 32768;
    /** Added to the low weight of a pair so that its byte is unsigned (and the high byte the high weight). */
    private static final int LOW_BIAS = 128;

    private final MemorySegment data;
    private final int cols;
    private final int groups;

    PackedQ8Rows(MemorySegment data, int cols) {
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
        return dot(data, (long) row * groups * GROUP_BYTES, x.values, x.pairs, x.scales, groups);
    }

    /**
     * Rows {@code start + i}, {@code + quarter}, {@code + 2 quarter} and {@code + 3 quarter} together: four sequential
     * streams far apart keep more cache lines in flight than one, and decode reads every weight from memory once
     * (streaming 2,048-column rows, thread CPU time: one row at a time 8.4, two 10.6, four 11.4 G multiply-adds per
     * second; loads alone 12.5). The last {@code (end - start) % 4} rows go one at a time.
     */
    @Override
    public void dotRows(int start, int end, QuantizedActivations x, float[] out, int outOffset) {
        int quarter = (end - start) / 4;
        long rowBytes = (long) groups * GROUP_BYTES;
        for (int i = 0; i < quarter; i++) {
            int r = start + i;
            dotFour(data, r * rowBytes, quarter * rowBytes, x.values, x.pairs, x.scales, groups, out,
                    outOffset + i, quarter);
        }
        for (int r = start + 4 * quarter; r < end; r++) {
            out[outOffset + r - start] = dot(r, x);
        }
    }

    @Override
    public int touchInterleaved(int row, int group) {
        return Vectors.touchLines(data, ((long) row * groups + group) * GROUP_BYTES, GROUP_BYTES);
    }

    /*
     * Kept in one method so that no vector crosses a call. Each 16-bit lane holds a pair of weights v = 256 * hi +
     * (lo + 128); with the pair's activations e (for lo) and o (for hi), and the activation terms Y = o - 256 * e and
     * Z = 32768 - 128 * e, the products v * e + hi * Y + Z = lo * e + hi * o + 32768 modulo 2^16, which is the pair's
     * exact sum (|sum| <= 2 * 128 * 127) in offset binary: one shift extracts hi, and the 16-bit lanes never need
     * sign-extending. Per pair of blocks (one int lane) A sums the raw ints and B the high halves (a logical shift);
     * A - (B << 16) is then the sum of the low halves, exact modulo 2^32. Two chains (loads k and k + 8) overlap.
     */
    private static float dot(MemorySegment w, long at, short[] xq, short[] pairs, float[] xs, int groups) {
        FloatVector acc = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES) {
            for (int p = 0; p < PARTS; p++) {
                long pat = at + (long) p * PART_BYTES;
                IntVector all0 = IntVector.zero(I);
                IntVector high0 = IntVector.zero(I);
                IntVector all1 = IntVector.zero(I);
                IntVector high1 = IntVector.zero(I);
                int xb = g * GROUP * BLOCK + p * LANES;
                for (int k = 0; k < 8; k++) {
                    ShortVector a = ShortVector.fromMemorySegment(S, w, pat + 64L * k, LE);
                    ShortVector b = ShortVector.fromMemorySegment(S, w, pat + 64L * (k + 8), LE);
                    int xa = xb + 2 * GROUP * k;
                    int xc = xa + 16 * GROUP;
                    IntVector pa = a.mul(ShortVector.fromArray(S, xq, xa))
                            .add(a.lanewise(VectorOperators.ASHR, 8).mul(ShortVector.fromArray(S, pairs, xa)))
                            .add(ShortVector.fromArray(S, pairs, xa + GROUP)).reinterpretAsInts();
                    IntVector pb = b.mul(ShortVector.fromArray(S, xq, xc))
                            .add(b.lanewise(VectorOperators.ASHR, 8).mul(ShortVector.fromArray(S, pairs, xc)))
                            .add(ShortVector.fromArray(S, pairs, xc + GROUP)).reinterpretAsInts();
                    all0 = all0.add(pa);
                    high0 = high0.add(pa.lanewise(VectorOperators.LSHR, 16));
                    all1 = all1.add(pb);
                    high1 = high1.add(pb.lanewise(VectorOperators.LSHR, 16));
                }
                IntVector high = high0.add(high1);
                IntVector even = all0.add(all1).sub(high.lanewise(VectorOperators.LSHL, 16)).sub(BIAS_TOTAL);
                IntVector odd = high.sub(BIAS_TOTAL);
                IntVector scales = IntVector.fromMemorySegment(I, w, pat + WEIGHT_BYTES, LE);
                FloatVector evenScale = scales.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                        .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                        .or(scales.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                FloatVector oddScale = scales.lanewise(VectorOperators.LSHR, 3).and(HALF_MAGNITUDE)
                        .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                        .or(scales.and(0x80000000)).reinterpretAsFloats();
                int so = g * GROUP + p * PAIRS;
                acc = ((FloatVector) even.convert(VectorOperators.I2F, 0))
                        .mul(FloatVector.fromArray(F, xs, so)).fma(evenScale, acc);
                acc = ((FloatVector) odd.convert(VectorOperators.I2F, 0))
                        .mul(FloatVector.fromArray(F, xs, so + GROUP / 2)).fma(oddScale, acc);
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /*
     * dot for four rows at once (at, at + apart, at + 2 apart, at + 3 apart), one 64-byte load of each per step:
     * the activation terms are loaded once for all four, and per row A sums the raw ints and B the high halves, as
     * in dot. Results go to out[o], out[o + stride], out[o + 2 stride], out[o + 3 stride].
     */
    private static void dotFour(MemorySegment w, long at, long apart, short[] xq, short[] pairs, float[] xs,
                                int groups, float[] out, int o, int stride) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        for (int g = 0; g < groups; g++, at += GROUP_BYTES) {
            for (int p = 0; p < PARTS; p++) {
                long pat = at + (long) p * PART_BYTES;
                IntVector all0 = IntVector.zero(I);
                IntVector high0 = IntVector.zero(I);
                IntVector all1 = IntVector.zero(I);
                IntVector high1 = IntVector.zero(I);
                IntVector all2 = IntVector.zero(I);
                IntVector high2 = IntVector.zero(I);
                IntVector all3 = IntVector.zero(I);
                IntVector high3 = IntVector.zero(I);
                int xb = g * GROUP * BLOCK + p * LANES;
                for (int k = 0; k < 16; k++) {
                    ShortVector a = ShortVector.fromMemorySegment(S, w, pat + 64L * k, LE);
                    ShortVector b = ShortVector.fromMemorySegment(S, w, pat + apart + 64L * k, LE);
                    ShortVector c = ShortVector.fromMemorySegment(S, w, pat + 2 * apart + 64L * k, LE);
                    ShortVector d = ShortVector.fromMemorySegment(S, w, pat + 3 * apart + 64L * k, LE);
                    int xa = xb + 2 * GROUP * k;
                    ShortVector e = ShortVector.fromArray(S, xq, xa);
                    ShortVector y = ShortVector.fromArray(S, pairs, xa);
                    ShortVector z = ShortVector.fromArray(S, pairs, xa + GROUP);
                    IntVector pa = a.mul(e).add(a.lanewise(VectorOperators.ASHR, 8).mul(y)).add(z).reinterpretAsInts();
                    IntVector pb = b.mul(e).add(b.lanewise(VectorOperators.ASHR, 8).mul(y)).add(z).reinterpretAsInts();
                    IntVector pc = c.mul(e).add(c.lanewise(VectorOperators.ASHR, 8).mul(y)).add(z).reinterpretAsInts();
                    IntVector pd = d.mul(e).add(d.lanewise(VectorOperators.ASHR, 8).mul(y)).add(z).reinterpretAsInts();
                    all0 = all0.add(pa);
                    high0 = high0.add(pa.lanewise(VectorOperators.LSHR, 16));
                    all1 = all1.add(pb);
                    high1 = high1.add(pb.lanewise(VectorOperators.LSHR, 16));
                    all2 = all2.add(pc);
                    high2 = high2.add(pc.lanewise(VectorOperators.LSHR, 16));
                    all3 = all3.add(pd);
                    high3 = high3.add(pd.lanewise(VectorOperators.LSHR, 16));
                }
                int so = g * GROUP + p * PAIRS;
                FloatVector xe = FloatVector.fromArray(F, xs, so);
                FloatVector xo = FloatVector.fromArray(F, xs, so + GROUP / 2);
                for (int r = 0; r < 4; r++) {
                    IntVector all = r == 0 ? all0 : r == 1 ? all1 : r == 2 ? all2 : all3;
                    IntVector high = r == 0 ? high0 : r == 1 ? high1 : r == 2 ? high2 : high3;
                    IntVector even = all.sub(high.lanewise(VectorOperators.LSHL, 16)).sub(BIAS_TOTAL);
                    IntVector odd = high.sub(BIAS_TOTAL);
                    IntVector scales = IntVector.fromMemorySegment(I, w, pat + r * apart + WEIGHT_BYTES, LE);
                    FloatVector evenScale = scales.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                            .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                            .or(scales.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
                    FloatVector oddScale = scales.lanewise(VectorOperators.LSHR, 3).and(HALF_MAGNITUDE)
                            .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                            .or(scales.and(0x80000000)).reinterpretAsFloats();
                    FloatVector sum = ((FloatVector) even.convert(VectorOperators.I2F, 0)).mul(xe).mul(evenScale);
                    sum = ((FloatVector) odd.convert(VectorOperators.I2F, 0)).mul(xo).fma(oddScale, sum);
                    if (r == 0) {
                        acc0 = acc0.add(sum);
                    } else if (r == 1) {
                        acc1 = acc1.add(sum);
                    } else if (r == 2) {
                        acc2 = acc2.add(sum);
                    } else {
                        acc3 = acc3.add(sum);
                    }
                }
            }
        }
        out[o] = acc0.reduceLanes(VectorOperators.ADD);
        out[o + stride] = acc1.reduceLanes(VectorOperators.ADD);
        out[o + 2 * stride] = acc2.reduceLanes(VectorOperators.ADD);
        out[o + 3 * stride] = acc3.reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void dequantize(int row, float[] dst, int dstOffset) {
        long rowAt = (long) row * groups * GROUP_BYTES;
        for (int block = 0; block < cols / BLOCK; block++) {
            long at = rowAt + (long) (block / GROUP) * GROUP_BYTES;
            int b = block % GROUP;
            float d = Float.float16ToFloat(data.get(SHORT_LE, at + WEIGHT_BYTES + 2L * b));
            for (int e = 0; e < BLOCK; e += 2) {
                short lane = data.get(SHORT_LE, at + 64L * (e / 2) + 2L * b);
                dst[dstOffset + block * BLOCK + e] = d * ((lane & 0xFF) - LOW_BIAS);
                dst[dstOffset + block * BLOCK + e + 1] = d * (lane >> 8);
            }
        }
    }

    /*
     * One method per group, so that no vector crosses a call: each 64-byte load holds two elements of every block,
     * sign-extended from its bytes and split into the even and odd blocks' int lanes (the packed order).
     */
    @Override
    public void dequantizeInterleaved(int row, int group, float[] dst, int dstOffset) {
        long groupAt = ((long) row * groups + group) * GROUP_BYTES;
        for (int p = 0; p < PARTS; p++) {
            long at = groupAt + (long) p * PART_BYTES;
            IntVector scales = IntVector.fromMemorySegment(I, data, at + WEIGHT_BYTES, LE);
            FloatVector evenScale = scales.lanewise(VectorOperators.LSHL, 13).and(HALF_MAGNITUDE)
                    .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                    .or(scales.lanewise(VectorOperators.LSHL, 16).and(0x80000000)).reinterpretAsFloats();
            FloatVector oddScale = scales.lanewise(VectorOperators.LSHR, 3).and(HALF_MAGNITUDE)
                    .reinterpretAsFloats().mul(HALF_EXPONENT_FIX).reinterpretAsInts()
                    .or(scales.and(0x80000000)).reinterpretAsFloats();
            for (int k = 0; k < 16; k++) {
                ShortVector packed = ShortVector.fromMemorySegment(S, data, at + 64L * k, LE);
                IntVector low = packed.and((short) 0xFF).sub((short) LOW_BIAS).reinterpretAsInts();
                IntVector high = packed.lanewise(VectorOperators.ASHR, 8).reinterpretAsInts();
                int e = dstOffset + 2 * k * GROUP + p * PAIRS;
                ((FloatVector) low.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .convert(VectorOperators.I2F, 0)).mul(evenScale).intoArray(dst, e);
                ((FloatVector) low.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                        .mul(oddScale).intoArray(dst, e + GROUP / 2);
                ((FloatVector) high.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                        .convert(VectorOperators.I2F, 0)).mul(evenScale).intoArray(dst, e + GROUP);
                ((FloatVector) high.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0))
                        .mul(oddScale).intoArray(dst, e + GROUP + GROUP / 2);
            }
        }
    }

    /**
     * Repacks {@code rows} ggml Q8_0 rows from {@code src} into {@code dst}: each pair of neighbouring weight bytes
     * of the file becomes one 16-bit lane, the low one offset by 128.
     */
    static void repack(MemorySegment src, int rows, int cols, MemorySegment dst) {
        int groups = QuantizedActivations.groups(cols);
        int blocks = cols / BLOCK;
        long srcRow = (long) blocks * FILE_BLOCK_BYTES;
        for (int r = 0; r < rows; r++) {
            long rowAt = (long) r * groups * GROUP_BYTES;
            dst.asSlice(rowAt, (long) groups * GROUP_BYTES).fill((byte) 0);
            for (int block = 0; block < blocks; block++) {
                long from = r * srcRow + (long) block * FILE_BLOCK_BYTES;
                long at = rowAt + (long) (block / GROUP) * GROUP_BYTES;
                int b = block % GROUP;
                for (int k = 0; k < 16; k++) {
                    dst.set(SHORT_LE, at + 64L * k + 2L * b,
                            (short) (src.get(SHORT_LE, from + 2 + 2L * k) ^ LOW_BIAS));
                }
                dst.set(SHORT_LE, at + WEIGHT_BYTES + 2L * b, src.get(SHORT_LE, from));
            }
        }
    }
}
