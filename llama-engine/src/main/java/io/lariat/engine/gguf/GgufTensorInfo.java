package io.lariat.engine.gguf;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a GGUF tensor table: name, type, shape and the offset of its data.
 *
 * <p>{@code shape[0]} is ggml's {@code ne0}, the length of a row (the fastest-varying dimension); a 2-D weight
 * matrix of {@code rows × columns} has shape {@code [columns, rows]}. {@code offset} counts from the start of the
 * file's data section (see {@link GgufFile#dataOffset()}), not from the start of the file. Immutable: the shape is
 * copied in and out.
 *
 * @param name   tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param type   storage type
 * @param shape  dimensions, {@code ne0} first; each ≥ 0; dimension 0 a multiple of the type's block size
 * @param offset byte offset of the data from the start of the data section, ≥ 0
 */
public record GgufTensorInfo(String name, GgmlType type, long[] shape, long offset) {

    /**
     * Validates and copies the arguments.
     *
     * @throws IllegalArgumentException if a dimension or the offset is negative, the element count or byte size
     *                                  overflows, or dimension 0 is not a whole number of blocks
     */
    public GgufTensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = shape.clone();
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        String problem = shapeProblem(type, shape);
        if (problem != null) {
            throw new IllegalArgumentException("tensor " + name + ": " + problem);
        }
    }

    /** A copy of the shape, {@code ne0} first. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Dimension {@code index} ({@code 0} is the row length); dimensions past the rank are 1, as in ggml. */
    public long dimension(int index) {
        return index < shape.length ? shape[index] : 1;
    }

    /** Total number of elements. */
    public long elementCount() {
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        return count;
    }

    /** Bytes of tensor data. */
    public long byteSize() {
        return type.byteSize(elementCount());
    }

    /**
     * Why {@code shape} is invalid for {@code type}, or {@code null} when it is valid: negative dimensions,
     * overflowing element or byte counts, or a row that is not a whole number of blocks.
     */
    static String shapeProblem(GgmlType type, long[] shape) {
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                return "dimension " + i + " is negative (" + Long.toUnsignedString(shape[i]) + ")";
            }
            try {
                count = Math.multiplyExact(count, shape[i]);
            } catch (ArithmeticException overflow) {
                return "element count overflows (shape " + Arrays.toString(shape) + ")";
            }
        }
        long rowLength = shape.length > 0 ? shape[0] : 1;
        if (rowLength % type.blockSize() != 0) {
            return "row length " + rowLength + " is not a multiple of the " + type + " block size " + type.blockSize();
        }
        if (count / type.blockSize() > Long.MAX_VALUE / type.blockBytes()) {
            return "byte size overflows (shape " + Arrays.toString(shape) + ", type " + type + ")";
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GgufTensorInfo that && name.equals(that.name) && type == that.type
                && Arrays.equals(shape, that.shape) && offset == that.offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), offset);
    }

    @Override
    public String toString() {
        return "GgufTensorInfo[" + name + ", " + type + ", " + Arrays.toString(shape) + ", offset " + offset + "]";
    }
}
