package io.lariat.engine.gguf;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected blocks were computed independently from ggml's C reference quantizers (numpy float32 arithmetic,
 * {@code roundf}, fp16 round-to-nearest-even).
 */
class QuantizersTest {

    /** 32 normal values (sigma 0.05), seed 42. */
    private static final float[] RANDOM_BLOCK = {
        0x1.f33f9cp-7f, -0x1.a9fa3cp-5f, 0x1.336282p-5f, 0x1.81415cp-5f, -0x1.8f927p-4f, -0x1.0aafb6p-4f,
        0x1.a2e84ep-8f, -0x1.0310ep-6f, -0x1.b86ea8p-11f, -0x1.5d6824p-5f, 0x1.68339p-5f, 0x1.3e9566p-5f,
        0x1.b0bd2p-9f, 0x1.cdb7cep-5f, 0x1.7efbdp-6f, -0x1.5ff758p-5f, 0x1.2e14a4p-6f, -0x1.88c22p-5f,
        0x1.67d03p-5f, -0x1.4731c8p-9f, -0x1.2ee0e6p-7f, -0x1.16e8a4p-5f, 0x1.f4c0cp-5f, -0x1.fa5cbap-8f,
        -0x1.5ee2dap-6f, -0x1.2077c2p-6f, 0x1.b41154p-6f, 0x1.2b5f2cp-6f, 0x1.521c4ep-6f, 0x1.60edb6p-6f,
        0x1.b69c04p-4f, -0x1.4cef68p-6f};

    private static float[] ramp() {
        float[] values = new float[32];
        for (int j = 0; j < 32; j++) {
            values[j] = j * 0.5f - 8;
        }
        return values;
    }

    private static String q8(float[] block) {
        byte[] out = new byte[34];
        Quantizers.quantizeQ8_0(block, 0, 32, out, 0);
        return HexFormat.of().formatHex(out);
    }

    private static String q4(float[] block) {
        byte[] out = new byte[18];
        Quantizers.quantizeQ4_0(block, 0, 32, out, 0);
        return HexFormat.of().formatHex(out);
    }

    @Test
    void q8MatchesGgmlReferenceOnRandomBlock() {
        assertEquals("e81212c22d388cb308edffcd342e04431ccd16c734fdf5d848f7e7eb2016181a7fe8", q8(RANDOM_BLOCK));
    }

    @Test
    void q4MatchesGgmlReferenceOnRandomBlock() {
        assertEquals("daa277cc55849fbd3899a89b6575686406ab", q4(RANDOM_BLOCK));
    }

    @Test
    void q8MatchesGgmlReferenceOnRamp() {
        assertEquals("082c81899199a1a9b1b9c0c8d0d8e0e8f0f8000810182028303840474f575f676f77", q8(ramp()));
    }

    @Test
    void q4MatchesGgmlReferenceOnRamp() {
        assertEquals("003c809191a2a2b3b3c4c4d5d5e6e6f7f7f8", q4(ramp()));
    }

    @Test
    void q8RoundsHalfwayCasesAwayFromZero() {
        float[] block = new float[32];
        block[0] = 127f; // scale exactly 1
        block[1] = 2.5f;
        block[2] = -2.5f;
        block[3] = 0.5f;
        block[4] = -0.5f;
        byte[] out = new byte[34];
        Quantizers.quantizeQ8_0(block, 0, 32, out, 0);
        assertEquals(0x3C00, (out[0] & 0xFF) | (out[1] & 0xFF) << 8);
        assertArrayEquals(new byte[] {127, 3, -3, 1, -1, 0}, java.util.Arrays.copyOfRange(out, 2, 8));
    }

    @Test
    void q4TakesTheFirstLargestMagnitudeAndClampsAt15() {
        float[] block = new float[32];
        block[0] = -16f; // d = -16 / -8 = 2
        block[1] = 16f;  // same magnitude, later: ignored for the scale; 16 * 0.5 + 8.5 = 16.5 -> 16 -> 15
        block[2] = 1f;   // 9.0 -> 9
        block[3] = 2f;   // 9.5 -> 9
        byte[] out = new byte[18];
        Quantizers.quantizeQ4_0(block, 0, 32, out, 0);
        assertEquals(Float16.fromFloat(2f), (short) ((out[0] & 0xFF) | (out[1] & 0xFF) << 8));
        assertEquals(0x80, out[2] & 0xFF);
        assertEquals(0x8F, out[3] & 0xFF);
        assertEquals(0x89, out[4] & 0xFF);
        assertEquals(0x89, out[5] & 0xFF);
    }

    @Test
    void zeroBlocksQuantizeToZeroScale() {
        assertEquals("0000" + "00".repeat(32), q8(new float[32]));
        // 0 / -8 is -0 in IEEE arithmetic, so ggml stores a negative-zero scale (0x8000) for Q4_0.
        assertEquals("0080" + "88".repeat(16), q4(new float[32]));
    }

    @Test
    void decodeInvertsEncodeWithinQuantizationError() {
        Random random = new Random(7);
        float[] values = new float[256];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        for (GgmlType type : new GgmlType[] {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0,
            GgmlType.Q4_0}) {
            byte[] encoded = new byte[(int) type.byteSize(values.length)];
            Quantizers.encode(type, values, 0, values.length, encoded, 0);
            float[] decoded = new float[values.length];
            Quantizers.decode(type, MemorySegment.ofArray(encoded), 0, decoded, 0, values.length);
            double tolerance = switch (type) {
                case F32 -> 0;
                case F16 -> 2e-3;
                case BF16 -> 2e-2;
                case Q8_0 -> 2e-2;
                default -> 0.3;
            };
            for (int i = 0; i < values.length; i++) {
                assertTrue(Math.abs(values[i] - decoded[i]) <= tolerance,
                        type + " element " + i + ": " + values[i] + " -> " + decoded[i]);
            }
        }
    }

    @Test
    void refusesPartialBlocksAndUnsupportedTypes() {
        assertThrows(IllegalArgumentException.class, () -> Quantizers.quantizeQ8_0(new float[33], 0, 33,
                new byte[64], 0));
        assertThrows(IllegalArgumentException.class, () -> Quantizers.encode(GgmlType.Q4_K, new float[256], 0, 256,
                new byte[144], 0));
    }
}
