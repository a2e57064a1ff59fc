package io.lariat.engine.gguf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GgmlTypeTest {

    @Test
    void everyTypeIsFoundByItsId() {
        for (GgmlType type : GgmlType.values()) {
            assertEquals(type, GgmlType.byId(type.id()));
        }
    }

    @Test
    void retiredAndOutOfRangeIdsAreUnknown() {
        for (long id : new long[] {4, 5, 31, 32, 33, 36, 37, 38, 40, -1, 1L << 32}) {
            assertNull(GgmlType.byId(id), "id " + id);
        }
    }

    @Test
    void byteSizeCountsWholeBlocks() {
        assertEquals(34L * 4, GgmlType.Q8_0.byteSize(128));
        assertEquals(210L, GgmlType.Q6_K.byteSize(256));
        assertEquals(2L * 7, GgmlType.BF16.byteSize(7));
        assertThrows(IllegalArgumentException.class, () -> GgmlType.Q4_0.byteSize(48));
    }
}
