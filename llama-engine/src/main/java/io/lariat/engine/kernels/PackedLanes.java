package io.lariat.engine.kernels;

import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shape of the fast path's kernels ({@link PackedRows}, {@link QuantizedActivations}): 512 bits where the
 * CPU has them (AVX-512), else 256 (AVX2). The packed layouts put one block per 16-bit lane of a 64-byte line (32
 * blocks a group); a 512-bit vector loads the whole line, a 256-bit one each half of it in turn ({@link #PARTS}). A
 * kernel loops over the parts inside its group loop, so with 512 bits that loop runs once and C2 removes it. Species
 * of the other shape would not be intrinsified: on an AVX2 machine every 512-bit operation runs as Java code that
 * allocates, several times slower than the exact path's float kernels.
 */
final class PackedLanes {
    /** 512 bits where the CPU offers them, else 256; {@link #AVAILABLE} is false below 256. */
    static final VectorShape SHAPE = VectorShape.preferredShape().vectorBitSize() >= 512
            ? VectorShape.S_512_BIT : VectorShape.S_256_BIT;
    /** Whether this CPU has vectors of at least 256 bits, so that the fast path's kernels run as vector code. */
    static final boolean AVAILABLE = VectorShape.preferredShape().vectorBitSize() >= 256;
    static final VectorSpecies<Short> S = VectorSpecies.of(short.class, SHAPE);
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, SHAPE);
    static final VectorSpecies<Float> F = VectorSpecies.of(float.class, SHAPE);
    /** 16-bit lanes of a vector: the blocks of a group that one vector holds (32 or 16). */
    static final int LANES = S.length();
    /** Vectors per 64-byte line of a packed group: 1 with 512-bit vectors, 2 with 256-bit ones. */
    static final int PARTS = QuantizedActivations.GROUP / LANES;
    /** Bytes of one part of a 64-byte line. */
    static final int PART_BYTES = 2 * LANES;
    /** Int lanes of a vector: the pairs of blocks (even and odd) of one part. */
    static final int PAIRS = LANES / 2;

    private PackedLanes() {
    }
}
