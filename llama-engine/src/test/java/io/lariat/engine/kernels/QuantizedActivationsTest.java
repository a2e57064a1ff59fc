package io.lariat.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A vector quantized a group at a time, in any order and after a wider one, equals the whole-vector quantization. */
class QuantizedActivationsTest {
    @ParameterizedTest(name = "cols={0}")
    @ValueSource(ints = {32, 1024, 1056, 3072, 8192})
    void groupsInAnyOrderGiveTheWholeVectorsQuantization(int cols) {
        Random random = new Random(cols);
        float[] x = new float[cols + 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * (i % 97 == 0 ? 40 : 1);
        }
        QuantizedActivations whole = new QuantizedActivations();
        whole.quantize(x, 5, cols);
        QuantizedActivations byGroup = new QuantizedActivations();
        // a wider vector first leaves values in the padding lanes that prepare must clear
        float[] wide = new float[cols + 4096];
        java.util.Arrays.fill(wide, 3f);
        byGroup.quantize(wide, 0, wide.length);
        byGroup.prepare(cols);
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < byGroup.groupCount(); g++) {
            order.add(g);
        }
        Collections.shuffle(order, random);
        for (int g : order) {
            byGroup.quantizeGroup(x, 5, g);
        }
        int lanes = whole.groups * QuantizedActivations.GROUP * QuantizedActivations.BLOCK;
        int blocks = whole.groups * QuantizedActivations.GROUP;
        assertEquals(whole.groups, byGroup.groupCount());
        assertArrayEquals(slice(whole.values, lanes), slice(byGroup.values, lanes), "values");
        assertArrayEquals(slice(whole.pairs, lanes), slice(byGroup.pairs, lanes), "pairs");
        assertArrayEquals(slice(whole.nibbleTerms, lanes), slice(byGroup.nibbleTerms, lanes), "nibble terms");
        assertArrayEquals(slice(whole.offsets, blocks), slice(byGroup.offsets, blocks), "offsets");
        assertArrayEquals(java.util.Arrays.copyOf(whole.scales, blocks), java.util.Arrays.copyOf(byGroup.scales, blocks),
                "scales");
        assertArrayEquals(java.util.Arrays.copyOf(whole.sums, blocks), java.util.Arrays.copyOf(byGroup.sums, blocks),
                "sums");
    }

    private static short[] slice(short[] a, int n) {
        return java.util.Arrays.copyOf(a, n);
    }
}
