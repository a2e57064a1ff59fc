package io.lariat.engine.tokenizer;

/**
 * The Llama 3 pre-tokenizer: splits text into the pieces that BPE then encodes one by one, exactly as the
 * tiktoken pattern of spec §1.1 does.
 *
 * <pre>{@code
 * (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
 * }</pre>
 *
 * <p>A hand-written matcher over code points rather than {@code java.util.regex}: several times faster, and
 * each alternative is one method below, tried in the pattern's order. {@code \s} is Unicode White_Space,
 * {@code \p{L}} and {@code \p{N}} the Unicode letter and number categories; the contractions ignore ASCII case
 * only. Stateless and thread-safe.
 */
final class Llama3Splitter {

    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte NUMBER = 2;
    private static final byte SPACE = 3;
    private static final byte NEWLINE = 4;
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_CLASS[c] = classifySlow(c);
        }
    }

    private Llama3Splitter() {
    }

    /** The end (exclusive char index) of the piece that starts at {@code start}, which must be below the length. */
    static int pieceEnd(String text, int start) {
        int end = contraction(text, start);
        if (end < 0) {
            end = letters(text, start);
        }
        if (end < 0) {
            end = digits(text, start);
        }
        if (end < 0) {
            end = symbols(text, start);
        }
        if (end < 0) {
            end = whitespace(text, start);
        }
        return end;
    }

    /** {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)}; -1 when it does not match. */
    private static int contraction(String text, int i) {
        if (text.charAt(i) != '\'' || i + 1 >= text.length()) {
            return -1;
        }
        char a = lowerAscii(text.charAt(i + 1));
        if (a == 's' || a == 't' || a == 'm' || a == 'd') {
            return i + 2;
        }
        if (i + 2 >= text.length()) {
            return -1;
        }
        char b = lowerAscii(text.charAt(i + 2));
        boolean two = (a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l');
        return two ? i + 3 : -1;
    }

    /** {@code [^\r\n\p{L}\p{N}]?\p{L}+}; -1 when it does not match. */
    private static int letters(String text, int i) {
        int cp = text.codePointAt(i);
        byte cls = classOf(cp);
        int j = i;
        if (cls != LETTER) {
            if (cls == NEWLINE || cls == NUMBER) {
                return -1;
            }
            j = i + Character.charCount(cp);
            if (j >= text.length() || classOf(text.codePointAt(j)) != LETTER) {
                return -1;
            }
        }
        return skip(text, j, LETTER);
    }

    /** {@code \p{N}{1,3}}; -1 when it does not match. */
    private static int digits(String text, int i) {
        int j = i;
        for (int n = 0; n < 3 && j < text.length(); n++) {
            int cp = text.codePointAt(j);
            if (classOf(cp) != NUMBER) {
                break;
            }
            j += Character.charCount(cp);
        }
        return j == i ? -1 : j;
    }

    /** {@code  ?[^\s\p{L}\p{N}]+[\r\n]*}; -1 when it does not match. */
    private static int symbols(String text, int i) {
        int j = text.charAt(i) == ' ' ? i + 1 : i;
        if (j >= text.length() || classOf(text.codePointAt(j)) != OTHER) {
            return -1;
        }
        return skip(text, skip(text, j, OTHER), NEWLINE);
    }

    /** {@code \s*[\r\n]+|\s+(?!\S)|\s+}; reached only at white space, since every other start matched above. */
    private static int whitespace(String text, int i) {
        int end = i;
        int lastNewline = -1;
        while (end < text.length()) {
            byte cls = classOf(text.charAt(end)); // white space is all in the BMP
            if (cls == NEWLINE) {
                lastNewline = end;
            } else if (cls != SPACE) {
                break;
            }
            end++;
        }
        if (lastNewline >= 0) {
            return lastNewline + 1;
        }
        // \s+(?!\S) backs off one char so that the last space can lead the next word; a lone space cannot.
        return end < text.length() && end - i > 1 ? end - 1 : end;
    }

    private static int skip(String text, int i, byte cls) {
        int j = i;
        while (j < text.length()) {
            int cp = text.codePointAt(j);
            if (classOf(cp) != cls) {
                break;
            }
            j += Character.charCount(cp);
        }
        return j;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static byte classOf(int cp) {
        return cp < 128 ? ASCII_CLASS[cp] : classifySlow(cp);
    }

    private static byte classifySlow(int cp) {
        if (cp == '\r' || cp == '\n') {
            return NEWLINE;
        }
        int type = Character.getType(cp);
        return switch (type) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> SPACE;
            default -> (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 ? SPACE : OTHER;
        };
    }
}
