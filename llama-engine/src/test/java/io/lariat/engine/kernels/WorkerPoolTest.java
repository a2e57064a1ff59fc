package io.lariat.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void everyUnitRunsExactlyOnceAcrossManyRounds() {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int round = 0; round < 200; round++) {
                int n = 1 + round % 17;
                int[] hits = new int[n];
                pool.forRange(n, (start, end) -> {
                    for (int i = start; i < end; i++) {
                        hits[i]++;
                    }
                });
                int[] ones = new int[n];
                Arrays.fill(ones, 1);
                assertArrayEquals(ones, hits, "round " + round);
            }
        }
    }

    @Test
    void taskFailureIsRethrownToCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.forRange(10, (s, e2) -> {
                if (s == 5) {
                    throw new IllegalStateException("chunk at " + s);
                }
            }));
            assertEquals("chunk at 5", e.getMessage());
            int[] after = new int[1];
            pool.forRange(1, (s, e2) -> after[0]++);
            assertEquals(1, after[0]);
        }
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
    }
}
