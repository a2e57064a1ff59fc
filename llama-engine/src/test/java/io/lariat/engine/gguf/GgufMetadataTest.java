package io.lariat.engine.gguf;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GgufMetadataTest {

    private static GgufMetadata metadata() {
        Map<String, GgufValue> values = new LinkedHashMap<>();
        values.put("u8s", GgufValue.integers(GgufValueType.UINT8, 1, 255));
        values.put("u32s", GgufValue.integers(GgufValueType.UINT32, 4_000_000_000L));
        values.put("f64s", GgufValue.float64s(0.25, -1));
        values.put("f64", GgufValue.float64(0.1));
        values.put("tokens", GgufValue.strings(List.of("a")));
        return GgufMetadata.of(values);
    }

    @Test
    void intsAcceptAnyIntegerElementTypeThatFits() {
        assertArrayEquals(new int[] {1, 255}, metadata().ints("u8s"));
        assertEquals("<memory>: metadata key u32s element 0 = 4000000000 does not fit an int",
                assertThrows(GgufFormatException.class, () -> metadata().ints("u32s")).getMessage());
    }

    @Test
    void floatGettersNarrowFloat64() {
        assertArrayEquals(new float[] {0.25f, -1f}, metadata().floats("f64s"));
        assertEquals(0.1f, metadata().float32("f64"));
    }

    @Test
    void arrayGettersNameBothTypesOnMismatch() {
        assertEquals("<memory>: metadata key tokens is an array of STRING, expected an array of integers",
                assertThrows(GgufFormatException.class, () -> metadata().ints("tokens")).getMessage());
        assertEquals("<memory>: metadata key u8s is an array of UINT8, expected an array of STRING",
                assertThrows(GgufFormatException.class, () -> metadata().strings("u8s")).getMessage());
        assertEquals("<memory>: metadata key f64 is FLOAT64, expected BOOL",
                assertThrows(GgufFormatException.class, () -> metadata().bool("f64")).getMessage());
    }

    @Test
    void findVariantsAreEmptyOnlyWhenTheKeyIsMissing() {
        assertEquals(Optional.empty(), metadata().findStrings("missing"));
        assertEquals(List.of("a"), metadata().findStrings("tokens").orElseThrow());
        assertThrows(GgufFormatException.class, () -> metadata().findString("tokens"));
    }
}
