package io.lariat.engine.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector species shared by the kernels: the widest float vector the CPU offers (at least 256 bits), and byte, short
 * and int species with the same lane count so that one load of packed weights widens into one float vector.
 */
public final class Vectors {
    /** Float species; 16 lanes on AVX-512, 8 on AVX2. Never narrower than 256 bits so byte species stay valid. */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_256;
    /** Float lanes per vector. */
    static final int L = F.length();
    /**
     * Whether the CPU has 16 vector registers (AVX2, 256-bit floats) rather than AVX-512's 32: register tiles sized
     * for 32 would spill, so {@link FloatTiles} and {@link RowTiles} take smaller ones, and so does the trainer's
     * {@code Gemm}.
     */
    public static final boolean SIXTEEN_REGISTERS = L < 16;
    /** Bytes species with {@link #L} lanes. */
    static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
    /** Shorts species with {@link #L} lanes. */
    static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(L * 16));
    /** Ints species with {@link #L} lanes. */
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(L * 32));

    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);

    /** 2^112: rescales an f16 exponent (bias 15) shifted into f32 position to the f32 bias 127. */
    private static final float F16_EXPONENT_FIX = 0x1p112f;

    private Vectors() {
    }

    /**
     * Widens {@link #L} IEEE half floats to floats with integer operations (the Vector API has no f16 conversion).
     * Exact for zero, subnormals and normals; infinities and NaN, which weights and caches never hold, become large
     * finite values.
     */
    static FloatVector halfToFloat(ShortVector halves) {
        IntVector bits = (IntVector) halves.convertShape(jdk.incubator.vector.VectorOperators.S2I, I, 0);
        IntVector magnitude = bits.and(0x7fff).lanewise(jdk.incubator.vector.VectorOperators.LSHL, 13);
        IntVector sign = bits.and(0x8000).lanewise(jdk.incubator.vector.VectorOperators.LSHL, 16);
        FloatVector unsigned = magnitude.reinterpretAsFloats().mul(F16_EXPONENT_FIX);
        return unsigned.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    /** Widens {@link #L} bytes (signed) to floats. */
    static FloatVector bytesToFloat(ByteVector bytes) {
        return (FloatVector) bytes.convertShape(jdk.incubator.vector.VectorOperators.B2F, F, 0);
    }

    /** The sum of one byte of each 64-byte line of {@code [at, at + bytes)} of {@code data}. */
    static int touchLines(MemorySegment data, long at, long bytes) {
        int sum = 0;
        for (long o = 0; o < bytes; o += 64) {
            sum += data.get(ValueLayout.JAVA_BYTE, at + o);
        }
        return sum;
    }
}
