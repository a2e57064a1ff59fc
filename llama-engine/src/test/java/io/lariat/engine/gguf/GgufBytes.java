package io.lariat.engine.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds GGUF files byte by byte for tests, including deliberately invalid ones. */
final class GgufBytes {

    final ValueEncoder out = new ValueEncoder(256);

    /** Magic "GGUF", the version, the tensor count and the metadata entry count. */
    static GgufBytes header(long version, long tensorCount, long entryCount) {
        GgufBytes bytes = new GgufBytes();
        bytes.out.bytes("GGUF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        bytes.out.u32(version);
        bytes.out.u64(tensorCount);
        bytes.out.u64(entryCount);
        return bytes;
    }

    GgufBytes entry(String key, GgufValue value) {
        out.string(key);
        out.typedValue(value);
        return this;
    }

    GgufBytes tensorInfo(String name, GgmlType type, long offset, long... shape) {
        return tensorInfo(name, type.id(), offset, shape);
    }

    GgufBytes tensorInfo(String name, long typeId, long offset, long... shape) {
        out.string(name);
        out.u32(shape.length);
        for (long dimension : shape) {
            out.u64(dimension);
        }
        out.u32(typeId);
        out.u64(offset);
        return this;
    }

    GgufBytes u32(long value) {
        out.u32(value);
        return this;
    }

    GgufBytes u64(long value) {
        out.u64(value);
        return this;
    }

    GgufBytes raw(byte... bytes) {
        out.bytes(bytes);
        return this;
    }

    /** Zero bytes up to the next multiple of {@code alignment}. */
    GgufBytes pad(int alignment) {
        out.padTo(0, alignment);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    Path writeTo(Path file) {
        try {
            return Files.write(file, toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
