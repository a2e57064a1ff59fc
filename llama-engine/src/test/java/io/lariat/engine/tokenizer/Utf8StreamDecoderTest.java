package io.lariat.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Streaming decoding over single-byte tokens (ids 0–255 are the bytes), the worst case for splitting characters. */
class Utf8StreamDecoderTest {

    private static final Tokenizer BYTES = Tokenizer.of(
            TinyVocabularies.withStoredMerges(
            List.of(ByteUnicode.charOf(0xE4) + " " + ByteUnicode.charOf(0xB8)), List.of("<|eot|>")));
    private static final int SPLIT_CJK_PREFIX = 256; // the two bytes E4 B8 of 中 as one token
    private static final int EOT = 257;

    @Test
    void emojiSplitIntoFourBytesAppearsWhole() {
        Utf8StreamDecoder decoder = new Utf8StreamDecoder(BYTES);
        List<String> outputs = new ArrayList<>();
        for (byte b : "🦙!".getBytes(StandardCharsets.UTF_8)) {
            outputs.add(decoder.accept(b & 0xFF));
        }
        assertEquals(List.of("", "", "", "🦙", "!"), outputs);
        assertEquals("", decoder.flush());
    }

    @Test
    void cjkCharacterSplitAcrossTokensAppearsWhenComplete() {
        Utf8StreamDecoder decoder = new Utf8StreamDecoder(BYTES);
        assertEquals("a", decoder.accept('a'));
        assertEquals("", decoder.accept(SPLIT_CJK_PREFIX));
        assertEquals("中", decoder.accept(0xAD));
    }

    @Test
    void specialTokenEndsAnUnfinishedCharacter() {
        Utf8StreamDecoder decoder = new Utf8StreamDecoder(BYTES);
        assertEquals("", decoder.accept(SPLIT_CJK_PREFIX));
        assertEquals("\uFFFD<|eot|>", decoder.accept(EOT));
    }

    @Test
    void bytesThatCanNeverFormACharacterAreReplacedAtOnce() {
        Utf8StreamDecoder decoder = new Utf8StreamDecoder(BYTES);
        assertEquals("\uFFFD", decoder.accept(0xFF));
        assertEquals("", decoder.accept(0xE0));
        assertEquals("\uFFFD\uFFFD", decoder.accept(0x80)); // E0 80 would be an overlong encoding
    }

    @Test
    void flushReplacesAnUnfinishedCharacter() {
        Utf8StreamDecoder decoder = new Utf8StreamDecoder(BYTES);
        assertEquals("", decoder.accept(0xF0));
        assertEquals("", decoder.accept(0x9F));
        assertEquals("\uFFFD", decoder.flush());
        assertEquals("x", decoder.accept('x'));
    }

    @Test
    void streamedTextEqualsDecodingEverythingAtOnce() {
        Random random = new Random(42);
        byte[] sample = "Grüße, 世界! 🚀😶‍🌫️ ok".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 2000; round++) {
            int[] ids = new int[random.nextInt(12)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = random.nextInt(4) == 0 ? random.nextInt(BYTES.vocabSize()) : sample[random.nextInt(sample.length)] & 0xFF;
            }
            Utf8StreamDecoder decoder = new Utf8StreamDecoder(BYTES);
            StringBuilder streamed = new StringBuilder();
            for (int id : ids) {
                streamed.append(decoder.accept(id));
            }
            streamed.append(decoder.flush());
            assertEquals(BYTES.decode(ids), streamed.toString(), () -> java.util.Arrays.toString(ids));
        }
    }

    @Test
    void wholeTextStreamsBackExactly() {
        String text = "Grüße, 世界! 🚀😶‍🌫️ ok";
        Utf8StreamDecoder decoder = new Utf8StreamDecoder(BYTES);
        StringBuilder streamed = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            String piece = decoder.accept(b & 0xFF);
            assertEquals(-1, piece.indexOf('\uFFFD'));
            streamed.append(piece);
        }
        assertEquals(text, streamed.toString());
    }
}
