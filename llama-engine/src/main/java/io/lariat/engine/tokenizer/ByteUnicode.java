package io.lariat.engine.tokenizer;

/**
 * The GPT-2 byte-to-unicode mapping that byte-level BPE vocabularies use to store raw bytes as printable text.
 *
 * <p>Printable Latin-1 bytes map to themselves; the other 68 bytes (controls, space, soft hyphen…) map to
 * U+0100 onwards in byte order, so that {@code ' '} is stored as {@code 'Ġ'} (U+0120) and {@code '\n'} as
 * {@code 'Ċ'} (U+010A). Stateless and thread-safe.
 */
final class ByteUnicode {

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = (char) (printable ? b : next++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteUnicode() {
    }

    /** The printable character that stands for {@code b} (0–255). */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /**
     * Decodes a vocabulary string back to the raw bytes it stands for.
     *
     * @return the bytes, or {@code null} when {@code text} holds a character outside the mapping (then the
     *         string is not byte-level encoded, as in a special token's literal name)
     */
    static byte[] decode(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) {
                return null;
            }
            out[i] = (byte) b;
        }
        return out;
    }

    /** Encodes raw bytes as a vocabulary string (the inverse of {@link #decode}). */
    static String encode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            sb.append(BYTE_TO_CHAR[b & 0xFF]);
        }
        return sb.toString();
    }
}
