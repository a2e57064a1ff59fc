package io.lariat.tools.builtin.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedOutputTest {

    @Test
    void keepsEverythingUnderTheCap() {
        CappedOutput out = new CappedOutput(64);
        out.write("hello\n".getBytes(StandardCharsets.UTF_8), 0, 6);
        assertEquals("hello\n", out.text());
        assertFalse(out.truncated());
    }

    @Test
    void dropsBytesPastTheCapAndSaysSo() {
        CappedOutput out = new CappedOutput(4);
        out.write("abcdef".getBytes(StandardCharsets.UTF_8), 0, 6);
        out.write('g');
        assertTrue(out.truncated());
        assertEquals("abcd\n[output truncated: only the first 4 bytes are shown]", out.text());
    }

    @Test
    void removesACharacterCutInHalfAtTheCap() {
        CappedOutput out = new CappedOutput(4);
        byte[] bytes = "abcé".getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        assertEquals("abc\n[output truncated: only the first 4 bytes are shown]", out.text());
    }

    @Test
    void resetForgetsEarlierRuns() {
        CappedOutput out = new CappedOutput(2);
        out.write("xyz".getBytes(StandardCharsets.UTF_8), 0, 3);
        out.reset();
        out.write('q');
        assertEquals("q", out.text());
        assertFalse(out.truncated());
    }
}
