package io.lariat.engine.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.lariat.engine.gguf.GgufFormatException.quantity;

/**
 * A bounds-checked little-endian reading position over a mapped GGUF file. Every read checks the bytes left first
 * and reports a shortfall as a {@link GgufFormatException} at the position of the field being read, so no read can
 * go past the mapping. Not thread-safe; one per parse.
 */
final class GgufCursor {

    /** Strings are decoded into Java arrays, which cannot exceed this many bytes. */
    static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final MemorySegment segment;
    private long position;

    GgufCursor(Path file, MemorySegment segment) {
        this.file = file;
        this.segment = segment;
    }

    long position() {
        return position;
    }

    long size() {
        return segment.byteSize();
    }

    long remaining() {
        return segment.byteSize() - position;
    }

    /** An exception at the current position. */
    GgufFormatException problem(String problem) {
        return problem(position, problem);
    }

    GgufFormatException problem(long offset, String problem) {
        return new GgufFormatException(file, offset, problem);
    }

    /** Fails unless {@code count} more bytes are left for {@code what}. */
    void require(long count, String what) {
        if (count > remaining()) {
            throw problem("file ends while reading " + what + ": needs " + quantity(count) + " bytes, "
                    + remaining() + " left");
        }
    }

    int u8(String what) {
        require(1, what);
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, position++));
    }

    long u32(String what) {
        require(4, what);
        long value = Integer.toUnsignedLong(segment.get(U32, position));
        position += 4;
        return value;
    }

    /** A uint64; values of 2^63 and above come back negative, which every caller rejects as too large. */
    long u64(String what) {
        require(8, what);
        long value = segment.get(U64, position);
        position += 8;
        return value;
    }

    /** {@code count} raw bytes, which must all be in the file and fit a Java array. */
    byte[] bytes(long count, String what) {
        require(count, what);
        if (count > MAX_ARRAY_BYTES) {
            throw problem(what + " take " + count + " bytes, more than the 2 GiB array limit");
        }
        byte[] bytes = new byte[(int) count];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, bytes, 0, bytes.length);
        position += count;
        return bytes;
    }

    /** A GGUF string: uint64 byte length, then UTF-8 bytes (malformed sequences become U+FFFD). */
    String string(String what) {
        long start = position;
        if (remaining() < 8) {
            require(8, what + " length"); // builds the message only on failure: this path runs per vocab token
        }
        long length = segment.get(U64, position);
        position += 8;
        if (length < 0 || length > remaining()) {
            throw problem(start, what + " length " + quantity(length) + " exceeds the " + remaining()
                    + " bytes left in the file");
        }
        if (length > MAX_ARRAY_BYTES) {
            throw problem(start, what + " length " + quantity(length) + " exceeds the 2 GiB string limit");
        }
        return length == 0 ? "" : new String(bytes(length, what), StandardCharsets.UTF_8);
    }

    /**
     * Reads a count and checks that {@code count} items of at least {@code minimumItemSize} bytes each can fit in
     * what is left of the file and that it is at most {@code limit}, so no allocation is ever sized by an
     * unchecked count.
     */
    long count(String what, long minimumItemSize, long limit) {
        long start = position;
        long count = u64(what);
        if (count < 0 || count > remaining() / minimumItemSize) {
            throw problem(start, what + " " + quantity(count) + " exceeds what the " + remaining()
                    + " bytes left in the file can hold");
        }
        if (count > limit) {
            throw problem(start, what + " " + quantity(count) + " exceeds the limit of " + limit);
        }
        return count;
    }
}
