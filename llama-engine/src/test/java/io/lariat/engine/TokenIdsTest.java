package io.lariat.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenIdsTest {

    @Test
    void commonPrefixStopsAtTheFirstDifferenceOrTheShorterSequence() {
        assertEquals(2, TokenIds.commonPrefix(new int[] {1, 2, 3}, new int[] {1, 2, 4}));
        assertEquals(3, TokenIds.commonPrefix(new int[] {1, 2, 3}, new int[] {1, 2, 3, 4}));
        assertEquals(0, TokenIds.commonPrefix(new int[] {5}, new int[] {1}));
        assertEquals(0, TokenIds.commonPrefix(new int[0], new int[] {1}));
    }

    @Test
    void commonPrefixReadsOnlyTheGivenLengthOfTheFirstSequence() {
        assertEquals(1, TokenIds.commonPrefix(new int[] {1, 2, 3}, 1, new int[] {1, 2, 3}));
        assertThrows(IndexOutOfBoundsException.class, () -> TokenIds.commonPrefix(new int[] {1}, 2, new int[] {1, 2}));
    }
}
