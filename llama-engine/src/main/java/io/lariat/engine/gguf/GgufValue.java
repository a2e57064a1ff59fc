package io.lariat.engine.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One GGUF metadata value: a number, a boolean, a string or an array (arrays may nest).
 *
 * <p>All implementations are immutable and thread-safe. Build values with the static factories
 * ({@link #uint32(long)}, {@link #of(String)}, {@link #strings(List)}, …); the reader produces the same types.
 */
public sealed interface GgufValue
        permits GgufValue.IntegerValue, GgufValue.FloatValue, GgufValue.BoolValue, GgufValue.StringValue,
        GgufValue.ArrayValue {

    /** The on-disk type of this value. */
    GgufValueType type();

    /**
     * An integer of one of the eight integer types. Unsigned values are held zero-extended; a {@code UINT64} above
     * {@link Long#MAX_VALUE} is held as its two's-complement bits (read it with {@link Long#toUnsignedString}).
     */
    record IntegerValue(GgufValueType type, long value) implements GgufValue {
        /** Validates that {@code value} fits {@code type}. */
        public IntegerValue {
            Objects.requireNonNull(type, "type");
            if (!type.isInteger()) {
                throw new IllegalArgumentException(type + " is not an integer type");
            }
            if (!NumberArray.fits(type, value)) {
                throw new IllegalArgumentException(value + " does not fit " + type);
            }
        }
    }

    /** A {@code FLOAT32} or {@code FLOAT64}; a {@code FLOAT32} holds a value exactly representable as float. */
    record FloatValue(GgufValueType type, double value) implements GgufValue {
        /** Validates the type. */
        public FloatValue {
            if (!Objects.requireNonNull(type, "type").isFloat()) {
                throw new IllegalArgumentException(type + " is not a float type");
            }
        }
    }

    /** A {@code BOOL}. */
    record BoolValue(boolean value) implements GgufValue {
        @Override
        public GgufValueType type() {
            return GgufValueType.BOOL;
        }
    }

    /** A UTF-8 {@code STRING}. */
    record StringValue(String value) implements GgufValue {
        /** Rejects {@code null}. */
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public GgufValueType type() {
            return GgufValueType.STRING;
        }
    }

    /** An {@code ARRAY}: all elements share {@link #elementType()}. */
    sealed interface ArrayValue extends GgufValue permits NumberArray, StringArray, NestedArray {
        /** The type of every element. */
        GgufValueType elementType();

        /** Number of elements. */
        int size();

        /** Element {@code index} as a value of {@link #elementType()}. */
        GgufValue get(int index);

        @Override
        default GgufValueType type() {
            return GgufValueType.ARRAY;
        }
    }

    /** An array of strings; the list is immutable. */
    record StringArray(List<String> values) implements ArrayValue {
        /** Copies the list (rejects {@code null} elements). */
        public StringArray {
            values = List.copyOf(values);
        }

        @Override
        public GgufValueType elementType() {
            return GgufValueType.STRING;
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public GgufValue get(int index) {
            return new StringValue(values.get(index));
        }
    }

    /** An array of arrays; the list is immutable. */
    record NestedArray(List<ArrayValue> arrays) implements ArrayValue {
        /** Copies the list (rejects {@code null} elements). */
        public NestedArray {
            arrays = List.copyOf(arrays);
        }

        @Override
        public GgufValueType elementType() {
            return GgufValueType.ARRAY;
        }

        @Override
        public int size() {
            return arrays.size();
        }

        @Override
        public GgufValue get(int index) {
            return arrays.get(index);
        }
    }

    /**
     * An array of numbers or booleans, held as its little-endian on-disk bytes so that large arrays (token types,
     * scores) cost no more memory than they take in the file.
     */
    final class NumberArray implements ArrayValue {
        private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
        private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
        private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
        private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);
        private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);
        private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(LE);

        private final GgufValueType elementType;
        private final byte[] bytes;
        private final MemorySegment view;

        /** Takes ownership of {@code littleEndianBytes}, whose length must be a multiple of the element size. */
        NumberArray(GgufValueType elementType, byte[] littleEndianBytes) {
            if (!elementType.isFixedSize() || littleEndianBytes.length % elementType.size() != 0) {
                throw new IllegalArgumentException("bad number array of " + elementType);
            }
            this.elementType = elementType;
            this.bytes = littleEndianBytes;
            this.view = MemorySegment.ofArray(littleEndianBytes);
        }

        @Override
        public GgufValueType elementType() {
            return elementType;
        }

        @Override
        public int size() {
            return bytes.length / elementType.size();
        }

        @Override
        public GgufValue get(int index) {
            Objects.checkIndex(index, size());
            return switch (elementType) {
                case BOOL -> new BoolValue(bytes[index] != 0);
                case FLOAT32, FLOAT64 -> new FloatValue(elementType, doubleAt(index));
                default -> new IntegerValue(elementType, longAt(index));
            };
        }

        /** Integer element {@code index}, zero-extended for unsigned types. */
        public long longAt(int index) {
            long offset = (long) index * elementType.size();
            return switch (elementType) {
                case UINT8 -> Byte.toUnsignedLong(view.get(ValueLayout.JAVA_BYTE, offset));
                case INT8 -> view.get(ValueLayout.JAVA_BYTE, offset);
                case UINT16 -> Short.toUnsignedLong(view.get(I16, offset));
                case INT16 -> view.get(I16, offset);
                case UINT32 -> Integer.toUnsignedLong(view.get(I32, offset));
                case INT32 -> view.get(I32, offset);
                case UINT64, INT64 -> view.get(I64, offset);
                default -> throw new IllegalStateException(elementType + " elements are not integers");
            };
        }

        /** Numeric element {@code index} as a double (integers converted, floats widened). */
        public double doubleAt(int index) {
            long offset = (long) index * elementType.size();
            return switch (elementType) {
                case FLOAT32 -> view.get(F32, offset);
                case FLOAT64 -> view.get(F64, offset);
                case UINT64 -> Double.parseDouble(Long.toUnsignedString(longAt(index)));
                case BOOL -> throw new IllegalStateException("BOOL elements are not numbers");
                default -> longAt(index);
            };
        }

        /** A copy of the on-disk little-endian bytes. */
        public byte[] toByteArray() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NumberArray that && elementType == that.elementType
                    && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * elementType.hashCode() + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "NumberArray[" + elementType + " x " + size() + "]";
        }

        static boolean fits(GgufValueType type, long value) {
            return switch (type) {
                case UINT8 -> value >= 0 && value <= 0xFF;
                case INT8 -> value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE;
                case UINT16 -> value >= 0 && value <= 0xFFFF;
                case INT16 -> value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
                case UINT32 -> value >= 0 && value <= 0xFFFF_FFFFL;
                case INT32 -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
                default -> true;
            };
        }
    }

    /** A {@code STRING}. */
    static GgufValue of(String value) {
        return new StringValue(value);
    }

    /** A {@code BOOL}. */
    static GgufValue of(boolean value) {
        return new BoolValue(value);
    }

    /** A {@code UINT8} in [0, 255]. */
    static GgufValue uint8(int value) {
        return new IntegerValue(GgufValueType.UINT8, value);
    }

    /** An {@code INT8}. */
    static GgufValue int8(byte value) {
        return new IntegerValue(GgufValueType.INT8, value);
    }

    /** A {@code UINT16} in [0, 65535]. */
    static GgufValue uint16(int value) {
        return new IntegerValue(GgufValueType.UINT16, value);
    }

    /** An {@code INT16}. */
    static GgufValue int16(short value) {
        return new IntegerValue(GgufValueType.INT16, value);
    }

    /** A {@code UINT32} in [0, 2^32). */
    static GgufValue uint32(long value) {
        return new IntegerValue(GgufValueType.UINT32, value);
    }

    /** An {@code INT32}. */
    static GgufValue int32(int value) {
        return new IntegerValue(GgufValueType.INT32, value);
    }

    /** A {@code UINT64}; negative arguments stand for values of 2^63 and above. */
    static GgufValue uint64(long value) {
        return new IntegerValue(GgufValueType.UINT64, value);
    }

    /** An {@code INT64}. */
    static GgufValue int64(long value) {
        return new IntegerValue(GgufValueType.INT64, value);
    }

    /** A {@code FLOAT32}. */
    static GgufValue float32(float value) {
        return new FloatValue(GgufValueType.FLOAT32, value);
    }

    /** A {@code FLOAT64}. */
    static GgufValue float64(double value) {
        return new FloatValue(GgufValueType.FLOAT64, value);
    }

    /** An array of strings. */
    static ArrayValue strings(List<String> values) {
        return new StringArray(values);
    }

    /** An array of arrays. */
    static ArrayValue arrays(List<ArrayValue> arrays) {
        return new NestedArray(arrays);
    }

    /** An array of {@code INT32}. */
    static ArrayValue int32s(int... values) {
        return integers(GgufValueType.INT32, Arrays.stream(values).asLongStream().toArray());
    }

    /** An array of integers of {@code elementType}; every value must fit the type. */
    static ArrayValue integers(GgufValueType elementType, long... values) {
        if (!elementType.isInteger()) {
            throw new IllegalArgumentException(elementType + " is not an integer type");
        }
        ValueEncoder encoder = new ValueEncoder(values.length * elementType.size());
        for (long value : values) {
            encoder.scalar(new IntegerValue(elementType, value));
        }
        return new NumberArray(elementType, encoder.toByteArray());
    }

    /** An array of {@code FLOAT32}. */
    static ArrayValue float32s(float... values) {
        ValueEncoder encoder = new ValueEncoder(values.length * 4);
        for (float value : values) {
            encoder.scalar(float32(value));
        }
        return new NumberArray(GgufValueType.FLOAT32, encoder.toByteArray());
    }

    /** An array of {@code FLOAT64}. */
    static ArrayValue float64s(double... values) {
        ValueEncoder encoder = new ValueEncoder(values.length * 8);
        for (double value : values) {
            encoder.scalar(float64(value));
        }
        return new NumberArray(GgufValueType.FLOAT64, encoder.toByteArray());
    }

    /** An array of {@code BOOL}. */
    static ArrayValue bools(boolean... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        return new NumberArray(GgufValueType.BOOL, bytes);
    }
}
