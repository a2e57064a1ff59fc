package io.lariat.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lariat.engine.train.Gemm.Band;
import io.lariat.engine.train.Gemm.Operand;
import io.lariat.engine.train.Gemm.Tile;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {

    static Stream<Arguments> shapes() {
        List<Arguments> cases = new ArrayList<>();
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {4, 64, 9}, {7, 130, 33}, {9, 17, 70}, {13, 128, 128}, {70, 70, 5},
            {8, 40, 300}, {5, 3000, 300}};
        for (int[] s : sizes) {
            for (Band band : Band.values()) {
                for (boolean transposed : new boolean[] {false, true}) {
                    for (Tile tile : Tile.values()) {
                        cases.add(Arguments.of(s[0], s[1], s[2], band, transposed, tile));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} {3} transposedA={4} {5}")
    @MethodSource("shapes")
    void matchesScalarProductInsideTheBand(int m, int n, int k, Band band, boolean transposedA, Tile tile) {
        if (band != Band.FULL && m != k && band != Band.COLUMNS_UP_TO_ROW) {
            k = m;
        }
        if (band == Band.COLUMNS_UP_TO_ROW) {
            n = Math.max(n, m);
        }
        SplittableRandom random = new SplittableRandom(m * 1000L + n * 10L + k);
        int lda = (transposedA ? m : k) + 3;
        float[] a = randoms(random, (transposedA ? k : m) * lda + 2);
        int ldb = n + 5;
        float[] b = randoms(random, k * ldb + 1);
        int ldc = n + 2;
        float[] c = randoms(random, m * ldc + 4);
        float[] expected = c.clone();
        int offA = 2;
        Operand op = transposedA ? Operand.transposed(a, offA, lda) : Operand.rows(a, offA, lda);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int kk = 0; kk < k; kk++) {
                    boolean zero = (band == Band.INNER_UP_TO_ROW && kk > i) || (band == Band.INNER_FROM_ROW && kk < i);
                    if (zero) {
                        int idx = transposedA ? offA + i + kk * lda : offA + i * lda + kk;
                        a[idx] = 0f;
                    }
                    float av = transposedA ? a[offA + i + kk * lda] : a[offA + i * lda + kk];
                    sum += (double) av * b[1 + kk * ldb + j];
                }
                expected[4 + i * ldc + j] += (float) sum;
            }
        }
        Gemm.multiplyAdd(tile, m, n, k, op, b, 1, ldb, c, 4, ldc, band);
        for (int i = 0; i < m; i++) {
            int limit = band == Band.COLUMNS_UP_TO_ROW ? i + 1 : n;
            for (int j = 0; j < limit; j++) {
                assertEquals(expected[4 + i * ldc + j], c[4 + i * ldc + j], 1e-4f, "c[" + i + "][" + j + "]");
            }
        }
        assertEquals(expected[3], c[3], 0f, "element before C untouched");
        for (int i = 0; i < m; i++) {
            for (int j = n; j < ldc && 4 + i * ldc + j < c.length; j++) {
                int at = 4 + i * ldc + j;
                assertEquals(expected[at], c[at], 0f, "padding c[" + i + "][" + j + "] untouched");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Band.class)
    void everyTileGivesTheSameBits(Band band) {
        SplittableRandom random = new SplittableRandom(19);
        int m = 23;
        int n = 131;
        int k = band == Band.FULL || band == Band.COLUMNS_UP_TO_ROW ? 77 : m;
        float[] a = randoms(random, m * k);
        float[] b = randoms(random, k * n);
        float[] start = randoms(random, m * n);
        float[] preferred = start.clone();
        Gemm.multiplyAdd(m, n, k, Operand.rows(a, 0, k), b, 0, n, preferred, 0, n, band);
        for (Tile tile : Tile.values()) {
            float[] c = start.clone();
            Gemm.multiplyAdd(tile, m, n, k, Operand.rows(a, 0, k), b, 0, n, c, 0, n, band);
            assertArrayEquals(preferred, c, 0f, tile.name());
        }
    }

    private static float[] randoms(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
