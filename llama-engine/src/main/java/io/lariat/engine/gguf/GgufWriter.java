package io.lariat.engine.gguf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds and writes GGUF v3 files: metadata of every type and tensors given as floats (encoded as F32, F16, BF16,
 * Q8_0 or Q4_0 by {@link Quantizers}, bit-identical to ggml's reference quantizers) or as pre-encoded bytes of any
 * {@link GgmlType}.
 *
 * <pre>{@code
 * new GgufWriter()
 *         .put("general.architecture", "llama")
 *         .putUInt32("llama.block_count", 2)
 *         .putStrings("tokenizer.ggml.tokens", tokens)
 *         .tensor("token_embd.weight", GgmlType.Q8_0, new long[] {64, vocab}, weights)
 *         .write(path);
 * }</pre>
 *
 * <p>Tensor data is encoded row by row while writing, so the file's data is never held in memory: a
 * {@link RowSource} can even generate rows on demand, which lets tests write models of real size. Tensors are laid
 * out in the order added, each at an offset aligned to {@code general.alignment} (default 32). Putting a key again
 * replaces its value in place. Not thread-safe; a writer may write several times.
 */
public final class GgufWriter {

    /** Produces a tensor's rows on demand while the file is written. */
    @FunctionalInterface
    public interface RowSource {
        /**
         * Fills {@code destination} (length {@code shape[0]}) with row {@code row}; rows are numbered from 0 in
         * storage order (dimension 1 fastest, then 2, then 3) and requested once each, in order.
         */
        void fill(long row, float[] destination);
    }

    private sealed interface TensorData permits Rows, Encoded {
    }

    private record Rows(RowSource source) implements TensorData {
    }

    private record Encoded(byte[] bytes) implements TensorData {
    }

    private record PendingTensor(GgufTensorInfo info, TensorData data) {
    }

    private static final int OUTPUT_BUFFER_BYTES = 1 << 20;

    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final Map<String, PendingTensor> tensors = new LinkedHashMap<>();

    /** Puts {@code value} under {@code key}. */
    public GgufWriter put(String key, GgufValue value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.equals(GgufParser.ALIGNMENT_KEY)) {
            checkAlignment(value);
        }
        metadata.put(key, value);
        return this;
    }

    /** Puts a {@code STRING}. */
    public GgufWriter put(String key, String value) {
        return put(key, GgufValue.of(value));
    }

    /** Puts a {@code BOOL}. */
    public GgufWriter put(String key, boolean value) {
        return put(key, GgufValue.of(value));
    }

    /** Puts a {@code UINT32} (the type llama.cpp expects for counts and token ids). */
    public GgufWriter putUInt32(String key, long value) {
        return put(key, GgufValue.uint32(value));
    }

    /** Puts an {@code INT32}. */
    public GgufWriter putInt32(String key, int value) {
        return put(key, GgufValue.int32(value));
    }

    /** Puts a {@code FLOAT32}. */
    public GgufWriter putFloat32(String key, float value) {
        return put(key, GgufValue.float32(value));
    }

    /** Puts an array of strings. */
    public GgufWriter putStrings(String key, List<String> values) {
        return put(key, GgufValue.strings(values));
    }

    /** Puts an array of {@code INT32}. */
    public GgufWriter putInts(String key, int... values) {
        return put(key, GgufValue.int32s(values));
    }

    /** Puts an array of {@code FLOAT32}. */
    public GgufWriter putFloats(String key, float... values) {
        return put(key, GgufValue.float32s(values));
    }

    /** Sets {@code general.alignment} (a power of two) for the data section and every tensor. */
    public GgufWriter alignment(int alignment) {
        return putUInt32(GgufParser.ALIGNMENT_KEY, alignment);
    }

    /**
     * Adds a tensor from {@code values} (storage order, {@code shape[0]} fastest), encoded as {@code type} when
     * written. The array is not copied: do not change it before {@link #write}.
     *
     * @throws IllegalArgumentException if the name is taken, the type cannot be encoded from floats
     *                                  ({@link Quantizers#supports}), the shape is invalid for the type or
     *                                  {@code values} does not have exactly the shape's element count
     */
    public GgufWriter tensor(String name, GgmlType type, long[] shape, float[] values) {
        GgufTensorInfo info = newTensor(name, type, shape);
        if (values.length != info.elementCount()) {
            throw new IllegalArgumentException("tensor " + name + " has " + info.elementCount()
                    + " elements but " + values.length + " values were given");
        }
        int rowLength = (int) info.dimension(0);
        return tensor(name, type, shape, (row, destination) ->
                System.arraycopy(values, Math.toIntExact(row * rowLength), destination, 0, rowLength));
    }

    /**
     * Adds a tensor whose rows {@code rows} produces while the file is written, encoded as {@code type}.
     *
     * @throws IllegalArgumentException if the name is taken, the type cannot be encoded from floats, the shape is
     *                                  invalid for the type or a row is longer than 2^31 - 1 elements
     */
    public GgufWriter tensor(String name, GgmlType type, long[] shape, RowSource rows) {
        GgufTensorInfo info = newTensor(name, type, shape);
        if (!Quantizers.supports(type)) {
            throw new IllegalArgumentException("cannot encode floats as " + type + "; use encodedTensor");
        }
        if (info.dimension(0) > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tensor " + name + " row length " + info.dimension(0) + " too long");
        }
        tensors.put(name, new PendingTensor(info, new Rows(Objects.requireNonNull(rows, "rows"))));
        return this;
    }

    /**
     * Adds a tensor of any type from its encoded bytes (ggml block layout, little-endian), e.g. K-quant test data.
     * The array is not copied.
     *
     * @throws IllegalArgumentException if the name is taken, the shape is invalid for the type or {@code data}
     *                                  does not have exactly the tensor's byte size
     */
    public GgufWriter encodedTensor(String name, GgmlType type, long[] shape, byte[] data) {
        GgufTensorInfo info = newTensor(name, type, shape);
        if (data.length != info.byteSize()) {
            throw new IllegalArgumentException("tensor " + name + " takes " + info.byteSize() + " bytes but "
                    + data.length + " were given");
        }
        tensors.put(name, new PendingTensor(info, new Encoded(data)));
        return this;
    }

    /** The metadata as it will be written. */
    public GgufMetadata metadata() {
        return GgufMetadata.of(metadata);
    }

    /** The tensor table as it will be written (offsets relative to the data section). */
    public List<GgufTensorInfo> tensors() {
        return layout(alignment());
    }

    /**
     * Writes the file, replacing any existing one; on failure the partial file is deleted.
     *
     * @throws UncheckedIOException if writing fails
     */
    public void write(Path file) {
        int alignment = alignment();
        List<GgufTensorInfo> layout = layout(alignment);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), OUTPUT_BUFFER_BYTES)) {
            out.write(header(layout, alignment));
            long written = 0;
            for (GgufTensorInfo info : layout) {
                written += writeZeros(out, info.offset() - written);
                writeData(out, info, tensors.get(info.name()).data());
                written += info.byteSize();
            }
            writeZeros(out, GgufParser.alignUp(written, alignment) - written);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file, e);
            throw e instanceof IOException io ? new UncheckedIOException("cannot write " + file, io)
                    : (RuntimeException) e;
        }
    }

    private GgufTensorInfo newTensor(String name, GgmlType type, long[] shape) {
        if (tensors.containsKey(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("duplicate tensor name " + name);
        }
        return new GgufTensorInfo(name, type, shape, 0);
    }

    private int alignment() {
        GgufValue value = metadata.get(GgufParser.ALIGNMENT_KEY);
        return value == null ? GgufParser.DEFAULT_ALIGNMENT : (int) ((GgufValue.IntegerValue) value).value();
    }

    private static void checkAlignment(GgufValue value) {
        if (!(value instanceof GgufValue.IntegerValue(GgufValueType type, long alignment))
                || type != GgufValueType.UINT32 || alignment <= 0 || alignment > (1 << 30)
                || (alignment & (alignment - 1)) != 0) {
            throw new IllegalArgumentException(GgufParser.ALIGNMENT_KEY
                    + " must be a UINT32 power of two up to 2^30, got " + value);
        }
    }

    private List<GgufTensorInfo> layout(int alignment) {
        List<GgufTensorInfo> layout = new ArrayList<>(tensors.size());
        long offset = 0;
        for (PendingTensor tensor : tensors.values()) {
            GgufTensorInfo info = tensor.info();
            layout.add(new GgufTensorInfo(info.name(), info.type(), info.shape(), offset));
            offset = GgufParser.alignUp(offset + info.byteSize(), alignment);
        }
        return layout;
    }

    private byte[] header(List<GgufTensorInfo> layout, int alignment) {
        ValueEncoder header = new ValueEncoder(1 << 16);
        header.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        header.u32(3);
        header.u64(layout.size());
        header.u64(metadata.size());
        metadata.forEach((key, value) -> {
            header.string(key);
            header.typedValue(value);
        });
        for (GgufTensorInfo info : layout) {
            header.string(info.name());
            header.u32(info.rank());
            for (long dimension : info.shape()) {
                header.u64(dimension);
            }
            header.u32(info.type().id());
            header.u64(info.offset());
        }
        header.padTo(0, alignment);
        return header.toByteArray();
    }

    private static void writeData(OutputStream out, GgufTensorInfo info, TensorData data) throws IOException {
        switch (data) {
            case Encoded(byte[] bytes) -> out.write(bytes);
            case Rows(RowSource source) -> {
                int rowLength = (int) info.dimension(0);
                long rowCount = rowLength == 0 ? 0 : info.elementCount() / rowLength;
                float[] row = new float[rowLength];
                byte[] encoded = new byte[(int) info.type().byteSize(rowLength)];
                for (long r = 0; r < rowCount; r++) {
                    source.fill(r, row);
                    Quantizers.encode(info.type(), row, 0, rowLength, encoded, 0);
                    out.write(encoded);
                }
            }
        }
    }

    private static long writeZeros(OutputStream out, long count) throws IOException {
        for (long i = 0; i < count; i++) {
            out.write(0);
        }
        return count;
    }

    private static void deleteQuietly(Path file, Exception cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }
}
