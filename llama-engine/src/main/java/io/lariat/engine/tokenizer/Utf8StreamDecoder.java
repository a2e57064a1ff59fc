package io.lariat.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a stream of token ids into text as it arrives, holding back the bytes of a UTF-8 character that a token
 * boundary cut in two (one emoji is often three or four byte tokens; CJK characters are often split too).
 *
 * <p>{@link #accept} returns only the text that the new token completes (often empty while a character is
 * still partial); the concatenation of every {@code accept} result and the final {@link #flush} equals
 * {@link Tokenizer#decode} of all the ids. Special ids yield their literal names. Bytes that can never form a
 * character become U+FFFD as soon as that is certain. Not thread-safe: one decoder per stream.
 */
public final class Utf8StreamDecoder {

    private final Tokenizer tokenizer;
    private byte[] pending = new byte[16];
    private int length;

    /** Creates a decoder for the ids of {@code tokenizer}. */
    public Utf8StreamDecoder(Tokenizer tokenizer) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    }

    /**
     * Adds one token and returns the text it completes, possibly empty.
     *
     * @throws IllegalArgumentException when {@code id} is outside the vocabulary
     */
    public String accept(int id) {
        byte[] bytes = tokenizer.bytesView(id);
        if (length + bytes.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + bytes.length));
        }
        System.arraycopy(bytes, 0, pending, length, bytes.length);
        length += bytes.length;
        int complete = completeLength(pending, length);
        String text = new String(pending, 0, complete, StandardCharsets.UTF_8);
        System.arraycopy(pending, complete, pending, 0, length - complete);
        length -= complete;
        return text;
    }

    /** Returns whatever is held back (an unfinished character becomes U+FFFD) and empties the decoder. */
    public String flush() {
        String text = new String(pending, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return text;
    }

    /** Length of the prefix of {@code bytes[0..length)} that does not end inside a character that may still finish. */
    static int completeLength(byte[] bytes, int length) {
        int start = length - 1;
        while (start >= 0 && start > length - 4 && isContinuation(bytes[start])) {
            start--;
        }
        if (start < 0) {
            return length;
        }
        int need = sequenceLength(bytes[start] & 0xFF);
        int have = length - start;
        if (have >= need || (have >= 2 && !validSecondByte(bytes[start] & 0xFF, bytes[start + 1] & 0xFF))) {
            return length;
        }
        return start;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** Bytes in the sequence this lead byte starts; 1 for bytes that cannot start a multi-byte character. */
    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        return lead >= 0xF0 && lead <= 0xF4 ? 4 : 1;
    }

    /** The narrower second-byte ranges of RFC 3629 that exclude overlongs, surrogates and code points past U+10FFFF. */
    private static boolean validSecondByte(int lead, int second) {
        return switch (lead) {
            case 0xE0 -> second >= 0xA0;
            case 0xED -> second <= 0x9F;
            case 0xF0 -> second >= 0x90;
            case 0xF4 -> second <= 0x8F;
            default -> true;
        };
    }
}
