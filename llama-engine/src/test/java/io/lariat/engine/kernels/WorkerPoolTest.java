package io.lariat.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * Chunks shrink as the range runs out, whichever thread claims them: large first (few claims), small last (the
     * threads finish together). The partition depends only on where each chunk starts, so it is the same every time.
     */
    @Test
    void chunksShrinkTowardTheEndOfTheRange() {
        try (WorkerPool pool = new WorkerPool(2)) {
            for (int round = 0; round < 20; round++) {
                java.util.List<int[]> chunks = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
                pool.forRange(2048, (start, end) -> chunks.add(new int[] {start, end}));
                chunks.sort(java.util.Comparator.comparingInt(c -> c[0]));
                assertEquals(0, chunks.getFirst()[0]);
                assertEquals(512, chunks.getFirst()[1], "the first chunk takes a quarter (2 threads)");
                for (int i = 1; i < chunks.size(); i++) {
                    assertEquals(chunks.get(i - 1)[1], chunks.get(i)[0], "contiguous");
                    int size = chunks.get(i)[1] - chunks.get(i)[0];
                    assertTrue(size <= chunks.get(i - 1)[1] - chunks.get(i - 1)[0], "sizes never grow");
                    assertTrue(size >= 32 || i == chunks.size() - 1, "at least 1/64 of the range but the last");
                }
                assertEquals(2048, chunks.getLast()[1]);
                assertTrue(chunks.getLast()[1] - chunks.getLast()[0] <= 32, "the last chunk is at most 1/64");
                assertTrue(chunks.size() < 30, chunks.size() + " claims");
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
