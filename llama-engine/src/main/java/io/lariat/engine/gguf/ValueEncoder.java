package io.lariat.engine.gguf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable little-endian byte buffer that encodes GGUF fields; used for the writer's header and for building
 * number arrays. Not thread-safe.
 */
final class ValueEncoder {

    private byte[] buffer;
    private int size;

    ValueEncoder(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    void u8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    void u16(int value) {
        u8(value);
        u8(value >>> 8);
    }

    void u32(long value) {
        u16((int) value);
        u16((int) (value >>> 16));
    }

    void u64(long value) {
        u32(value);
        u32(value >>> 32);
    }

    void bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /** Zero bytes up to the next multiple of {@code alignment}, counting from {@code base}. */
    void padTo(long base, int alignment) {
        while ((base + size) % alignment != 0) {
            u8(0);
        }
    }

    void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        u64(utf8.length);
        bytes(utf8);
    }

    /** The value's type id followed by its payload, as in a metadata key/value pair. */
    void typedValue(GgufValue value) {
        u32(value.type().id());
        payload(value);
    }

    /** The value's payload without its type id, as inside an array. */
    void payload(GgufValue value) {
        switch (value) {
            case GgufValue.ArrayValue array -> array(array);
            default -> scalar(value);
        }
    }

    void scalar(GgufValue value) {
        switch (value) {
            case GgufValue.IntegerValue(GgufValueType type, long bits) -> integer(type, bits);
            case GgufValue.FloatValue(GgufValueType type, double number) -> {
                if (type == GgufValueType.FLOAT32) {
                    u32(Float.floatToRawIntBits((float) number));
                } else {
                    u64(Double.doubleToRawLongBits(number));
                }
            }
            case GgufValue.BoolValue(boolean flag) -> u8(flag ? 1 : 0);
            case GgufValue.StringValue(String text) -> string(text);
            case GgufValue.ArrayValue array -> throw new IllegalArgumentException("not a scalar: " + array);
        }
    }

    private void integer(GgufValueType type, long bits) {
        switch (type.size()) {
            case 1 -> u8((int) bits);
            case 2 -> u16((int) bits);
            case 4 -> u32(bits);
            default -> u64(bits);
        }
    }

    private void array(GgufValue.ArrayValue array) {
        u32(array.elementType().id());
        u64(array.size());
        switch (array) {
            case GgufValue.NumberArray numbers -> bytes(numbers.toByteArray());
            case GgufValue.StringArray(var values) -> values.forEach(this::string);
            case GgufValue.NestedArray(var arrays) -> arrays.forEach(this::array);
        }
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            long wanted = Math.max((long) buffer.length * 2, (long) size + extra);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("GGUF header larger than 2 GiB");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }
}
