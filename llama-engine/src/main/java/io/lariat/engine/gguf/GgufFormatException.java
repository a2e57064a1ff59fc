package io.lariat.engine.gguf;

import java.nio.file.Path;

/**
 * A GGUF file is malformed, truncated or uses a feature this reader does not support.
 *
 * <p>The message names the file, the byte offset where the problem was found and what was wrong, for example
 * {@code model.gguf @ 0x1A2B: string length 2^40 exceeds the 812 bytes left in the file}. Unchecked: a bad model
 * file is not something a caller can recover from locally, only report.
 */
public final class GgufFormatException extends RuntimeException {

    private final transient Path file;
    private final long offset;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param file    the file being read (may be {@code null} when no file is involved, e.g. metadata built in memory)
     * @param offset  byte offset of the offending field from the start of the file, or {@code -1} when not known
     * @param problem what was wrong, in words, without the file name or offset
     */
    public GgufFormatException(Path file, long offset, String problem) {
        super(describe(file, offset, problem));
        this.file = file;
        this.offset = offset;
        this.problem = problem;
    }

    /** The file being read, or {@code null} when the metadata did not come from a file. */
    public Path file() {
        return file;
    }

    /** Byte offset from the start of the file where the problem was found, or {@code -1} when not known. */
    public long offset() {
        return offset;
    }

    /** What was wrong, without the file name or offset. */
    public String problem() {
        return problem;
    }

    private static String describe(Path file, long offset, String problem) {
        String name = file == null ? "<memory>" : String.valueOf(file.getFileName());
        return offset < 0 ? name + ": " + problem : name + " @ 0x" + Long.toHexString(offset).toUpperCase() + ": "
                + problem;
    }

    /**
     * Renders a count or length for a message: large exact powers of two as {@code 2^n} (the typical shape of a
     * corrupted length field), everything else in decimal; values with the top bit set are shown unsigned.
     */
    static String quantity(long value) {
        if (value != 0 && (value & (value - 1)) == 0 && Long.numberOfTrailingZeros(value) >= 20) {
            return "2^" + Long.numberOfTrailingZeros(value);
        }
        return Long.toUnsignedString(value);
    }
}
