package io.lariat.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ByteUnicodeTest {

    @Test
    void spaceAndNewlineAreStoredAsGpt2Characters() {
        assertEquals('Ġ', ByteUnicode.charOf(' '));
        assertEquals('Ċ', ByteUnicode.charOf('\n'));
        assertEquals('ĉ', ByteUnicode.charOf('\t'));
        assertEquals('Ā', ByteUnicode.charOf(0));
        assertEquals('Ń', ByteUnicode.charOf(0xAD));
        assertEquals('A', ByteUnicode.charOf('A'));
        assertEquals('ÿ', ByteUnicode.charOf(0xFF));
    }

    @Test
    void everyByteRoundTrips() {
        byte[] all = new byte[256];
        for (int b = 0; b < 256; b++) {
            all[b] = (byte) b;
        }
        String stored = ByteUnicode.encode(all);
        assertEquals(256, stored.chars().distinct().count());
        assertArrayEquals(all, ByteUnicode.decode(stored));
    }

    @Test
    void textOutsideTheMappingIsNotByteEncoded() {
        assertNull(ByteUnicode.decode("<|eot_id|>\u4e00"));
        assertNull(ByteUnicode.decode(" "));
    }
}
