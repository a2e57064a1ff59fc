package io.lariat.engine.model;

import io.lariat.engine.Precision;
import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufTensorInfo;
import io.lariat.engine.kernels.KernelPath;
import io.lariat.engine.kernels.MatrixKernel;
import io.lariat.engine.kernels.PackedRows;
import io.lariat.engine.kernels.WeightMatrix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds GGUF tensors to kernels, checking names, shapes and types, without copying them unless {@code mmap} is off;
 * with {@link Precision#FAST}, matrices the fast path packs ({@code PackedRows.packs}) are bound to their
 * {@link PackedWeights} copy instead.
 */
final class WeightLoader {
    private static final List<GgmlType> SUPPORTED = Arrays.stream(GgmlType.values())
            .filter(type -> MatrixKernel.of(type).isPresent()).toList();

    private final GgufFile file;
    private final PackedWeights packed;
    private final boolean mmap;
    /** Tensors read into memory, by name (a tied embedding is bound twice but read once). */
    private final Map<String, MemorySegment> inMemory = new HashMap<>();

    /** A loader of the exact path. */
    WeightLoader(GgufFile file) {
        this(file, Precision.EXACT, null, true);
    }

    /**
     * A loader for {@code precision}; the fast path's packed copy lives in {@code cacheDir} (null: in memory). The
     * packed layouts are Vector API kernels, so on the scalar {@link KernelPath} every precision computes exactly.
     * With {@code mmap} false, matrices are read into memory: the packed copy, and the file's bytes of the others.
     */
    WeightLoader(GgufFile file, Precision precision, Path cacheDir, boolean mmap) {
        this.file = file;
        this.mmap = mmap;
        this.packed = precision == Precision.FAST && KernelPath.current() == KernelPath.VECTOR
                ? PackedWeights.load(file, cacheDir, mmap) : null;
    }

    /** The matrix {@code name} of {@code rows} rows of {@code cols} elements. */
    WeightMatrix matrix(String name, int rows, int cols) {
        GgufTensorInfo info = require(name);
        checkShape(info, cols, rows);
        PackedRows rowsOf = packed == null ? null : packed.rows(name);
        MemorySegment data = mmap || rowsOf != null ? file.tensorData(info)
                : inMemory.computeIfAbsent(name, n -> copy(file.tensorData(info)));
        return new WeightMatrix(name, kernel(info), data, rows, cols, rowsOf);
    }

    private static MemorySegment copy(MemorySegment mapped) {
        MemorySegment memory = Arena.ofAuto().allocate(mapped.byteSize(), 64);
        memory.copyFrom(mapped);
        return memory.asReadOnly();
    }

    /** The vector {@code name} of {@code n} elements, dequantized to floats (norm gains and RoPE factors are small). */
    float[] vector(String name, int n) {
        GgufTensorInfo info = require(name);
        checkShape(info, n);
        float[] values = new float[n];
        kernel(info).dequantize(file.tensorData(info), 0, values, 0, n);
        return values;
    }

    boolean has(String name) {
        return file.tensor(name).isPresent();
    }

    private GgufTensorInfo require(String name) {
        return file.tensor(name).orElseThrow(() -> new ModelLoadException(file.path(), name, "tensor missing"));
    }

    private MatrixKernel kernel(GgufTensorInfo info) {
        return MatrixKernel.of(info.type()).orElseThrow(() -> new ModelLoadException(file.path(), info.name(),
                "type " + info.type() + " is not supported (supported: "
                        + SUPPORTED.stream().map(Enum::name).collect(Collectors.joining(", ")) + ")"));
    }

    private void checkShape(GgufTensorInfo info, long... expected) {
        long[] shape = info.shape();
        long[] trimmed = shape;
        while (trimmed.length > expected.length && trimmed[trimmed.length - 1] == 1) {
            trimmed = Arrays.copyOf(trimmed, trimmed.length - 1);
        }
        if (!Arrays.equals(trimmed, expected)) {
            throw new ModelLoadException(file.path(), info.name(), "shape " + Arrays.toString(shape)
                    + " does not match the configuration, expected " + Arrays.toString(expected));
        }
    }
}
