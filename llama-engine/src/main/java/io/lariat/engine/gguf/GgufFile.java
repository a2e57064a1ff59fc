package io.lariat.engine.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An open GGUF v2/v3 file: its metadata, its tensor table and its tensor data, memory-mapped.
 *
 * <p>{@link #open(Path)} maps the whole file read-only and validates the header: every count, length, dimension,
 * type id and tensor extent is checked against the file size before use, and any problem is reported as a
 * {@link GgufFormatException}. Tensor data is never copied: {@link #tensorData(GgufTensorInfo)} returns a slice of
 * the mapping, valid until {@link #close()}. Offsets are longs throughout, so files over 4 GiB work.
 *
 * <p>Thread-safety: after {@code open} returns, every method may be called from any thread; the mapping belongs
 * to a shared arena. Closing while another thread still reads tensor data makes that read fail with
 * {@link IllegalStateException}; close only when all readers are done.
 */
public final class GgufFile implements AutoCloseable {

    private final Path path;
    private final Arena arena;
    private final MemorySegment mapping;
    private final GgufParser.Header header;
    private final Map<String, GgufTensorInfo> tensorsByName;

    private GgufFile(Path path, Arena arena, MemorySegment mapping, GgufParser.Header header) {
        this.path = path;
        this.arena = arena;
        this.mapping = mapping;
        this.header = header;
        this.tensorsByName = new LinkedHashMap<>();
        header.tensors().forEach(tensor -> tensorsByName.put(tensor.name(), tensor));
    }

    /**
     * Maps and parses {@code path}.
     *
     * @throws GgufFormatException  if the file is not a valid GGUF v2/v3 file
     * @throws UncheckedIOException if the file cannot be opened or mapped
     */
    public static GgufFile open(Path path) {
        Objects.requireNonNull(path, "path");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            Arena arena = Arena.ofShared();
            try {
                MemorySegment mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
                HugePages.advise(mapping);
                return new GgufFile(path, arena, mapping, GgufParser.parse(path, mapping));
            } catch (RuntimeException | IOException | Error e) {
                arena.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The file this was opened from. */
    public Path path() {
        return path;
    }

    /** The GGUF version, 2 or 3. */
    public int version() {
        return header.version();
    }

    /** The metadata. */
    public GgufMetadata metadata() {
        return header.metadata();
    }

    /** The tensor table in file order; unmodifiable. */
    public List<GgufTensorInfo> tensors() {
        return header.tensors();
    }

    /** The tensor named {@code name}, if present. */
    public Optional<GgufTensorInfo> tensor(String name) {
        return Optional.ofNullable(tensorsByName.get(name));
    }

    /** Alignment of the data section and of every tensor's data ({@code general.alignment}, default 32). */
    public int alignment() {
        return header.alignment();
    }

    /** Offset of the data section from the start of the file; tensor offsets count from here. */
    public long dataOffset() {
        return header.dataOffset();
    }

    /** Size of the file in bytes. */
    public long fileSize() {
        return mapping.byteSize();
    }

    /**
     * The data of {@code tensor}: a read-only slice of the mapping, {@code tensor.byteSize()} bytes long, in ggml's
     * little-endian block layout. Valid until {@link #close()}. The mapping starts on a page boundary, so the
     * slice's address is a multiple of {@link #alignment()}.
     *
     * @throws IllegalArgumentException if {@code tensor} is not an entry of this file's table
     * @throws IllegalStateException    if this file is closed
     */
    public MemorySegment tensorData(GgufTensorInfo tensor) {
        if (!tensor.equals(tensorsByName.get(tensor.name()))) {
            throw new IllegalArgumentException("not a tensor of " + path + ": " + tensor);
        }
        return mapping.asSlice(header.dataOffset() + tensor.offset(), tensor.byteSize()).asReadOnly();
    }

    /** Unmaps the file. Idempotent. Tensor data slices become invalid. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "GgufFile[" + path + ", v" + version() + ", " + metadata().size() + " keys, " + tensors().size()
                + " tensors]";
    }
}
