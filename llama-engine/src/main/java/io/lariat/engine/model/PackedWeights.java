package io.lariat.engine.model;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufTensorInfo;
import io.lariat.engine.gguf.HugePages;
import io.lariat.engine.kernels.PackedRows;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The fast path's copy of a model's packable matrices ({@link PackedRows}), written once to a cache folder and mapped
 * from there on every later load, so that a page-cached model loads without repacking and the file's own pages of
 * those tensors are never read (only one of the two copies is ever resident). The cache file is named by a SHA-256
 * digest of the model's identity (absolute path, size, modification time) and tensor table, and of the layout
 * version; it is written to a temporary file and moved into place, so an interrupted write never looks complete.
 * Without a cache folder, or when it cannot be written, the rows are repacked into off-heap memory instead; without
 * {@code mmap}, the cache file is read into off-heap memory rather than mapped.
 *
 * <p>The header records the layout version and a digest of the model file's path ({@link #source}). Writing a new
 * copy removes the copies it replaces: those of the same path (the file changed, or the layout did) and those of
 * layouts older than 3, which recorded no path. Other models' copies are never touched.
 */
final class PackedWeights {
    /**
     * Bumped whenever a packed layout changes, so stale cache files are never mapped (5 was a Q4_K layout that was
     * tried and reverted; 6 packs Q6_K at six bits).
     */
    private static final int LAYOUT_VERSION = 6;
    private static final long HEADER = 64;
    private static final byte[] MAGIC = "LARIATPK".getBytes(StandardCharsets.US_ASCII);
    private static final long VERSION_AT = MAGIC.length;
    private static final long SOURCE_AT = 16;
    private static final int SOURCE_BYTES = 32;
    /** The first layout whose header records its source; older copies cannot be attributed and are stale. */
    private static final int FIRST_SOURCED_LAYOUT = 3;
    /** Bytes per read of a packed copy into memory (a buffer holds at most 2 GB). */
    private static final long READ_CHUNK = 1L << 30;

    private final Map<String, PackedRows> rows;

    private PackedWeights(Map<String, PackedRows> rows) {
        this.rows = rows;
    }

    /**
     * Packs (or maps, or with {@code mmap} false reads, the packed copy of) every 2-D tensor of {@code file} that
     * {@link PackedRows#packs} selects.
     */
    static PackedWeights load(GgufFile file, Path cacheDir, boolean mmap) {
        List<GgufTensorInfo> tensors = file.tensors().stream()
                .filter(t -> t.rank() == 2 && PackedRows.packs(t.type(), (int) t.dimension(0))).toList();
        long[] offsets = new long[tensors.size() + 1];
        offsets[0] = HEADER;
        for (int i = 0; i < tensors.size(); i++) {
            GgufTensorInfo t = tensors.get(i);
            long bytes = PackedRows.bytes(t.type(), (int) t.dimension(1), (int) t.dimension(0));
            offsets[i + 1] = offsets[i] + (bytes + 63) / 64 * 64;
        }
        MemorySegment all = tensors.isEmpty() ? MemorySegment.NULL : segment(file, tensors, offsets, cacheDir, mmap);
        Map<String, PackedRows> byName = new HashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            GgufTensorInfo t = tensors.get(i);
            byName.put(t.name(), PackedRows.of(t.type(), all.asSlice(offsets[i], offsets[i + 1] - offsets[i]),
                    (int) t.dimension(1), (int) t.dimension(0)));
        }
        return new PackedWeights(byName);
    }

    /** The packed rows of tensor {@code name}, or null when it has none. */
    PackedRows rows(String name) {
        return rows.get(name);
    }

    private static MemorySegment segment(GgufFile file, List<GgufTensorInfo> tensors, long[] offsets, Path dir,
                                         boolean mmap) {
        long size = offsets[tensors.size()];
        if (dir != null) {
            Path target = dir.resolve(digest(file, tensors) + ".packed");
            try {
                if (!isComplete(target, size)) {
                    write(file, tensors, offsets, dir, target);
                }
                try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ)) {
                    if (!mmap) {
                        return read(channel, size);
                    }
                    MemorySegment mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, Arena.ofAuto());
                    HugePages.advise(mapping);
                    return mapping;
                }
            } catch (IOException | UncheckedIOException e) {
                // an unwritable cache folder costs load time, not correctness: repack in memory below
            }
        }
        MemorySegment memory = Arena.ofAuto().allocate(size, 64);
        fill(file, tensors, offsets, memory);
        return memory;
    }

    /** The first {@code size} bytes of {@code channel}, in off-heap memory. */
    private static MemorySegment read(FileChannel channel, long size) throws IOException {
        MemorySegment memory = Arena.ofAuto().allocate(size, 64);
        for (long at = 0; at < size; at += READ_CHUNK) {
            ByteBuffer buffer = memory.asSlice(at, Math.min(READ_CHUNK, size - at)).asByteBuffer();
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, at + buffer.position()) < 0) {
                    throw new IOException("the packed copy ended after " + (at + buffer.position()) + " of "
                            + size + " bytes");
                }
            }
        }
        return memory;
    }

    private static boolean isComplete(Path target, long size) throws IOException {
        return Files.isRegularFile(target) && Files.size(target) == size;
    }

    private static void write(GgufFile file, List<GgufTensorInfo> tensors, long[] offsets, Path dir, Path target)
            throws IOException {
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, target.getFileName().toString(), ".partial");
        try {
            try (Arena arena = Arena.ofShared(); FileChannel channel = FileChannel.open(partial,
                    StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MemorySegment out = channel.map(FileChannel.MapMode.READ_WRITE, 0, offsets[tensors.size()], arena);
                // the page cache keeps the folios these writes create: advised, the copy is cached in 2 MB pages
                HugePages.advise(out);
                fill(file, tensors, offsets, out);
                out.force();
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        removeReplaced(dir, target, source(file));
    }

    /**
     * Deletes the packed copies that {@code target} replaces: same source path, or a layout too old to say. A copy
     * that another process still maps stays readable until it unmaps it (the file system keeps unlinked data).
     */
    private static void removeReplaced(Path dir, Path target, byte[] source) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.packed")) {
            for (Path other : files) {
                if (!other.equals(target) && replaced(other, source)) {
                    Files.deleteIfExists(other);
                }
            }
        } catch (IOException e) {
            // a copy left behind costs disk space, not correctness
        }
    }

    private static boolean replaced(Path other, byte[] source) throws IOException {
        byte[] header = new byte[(int) (SOURCE_AT + SOURCE_BYTES)];
        try (InputStream in = Files.newInputStream(other)) {
            if (in.readNBytes(header, 0, header.length) < header.length) {
                return false;
            }
        }
        MemorySegment h = MemorySegment.ofArray(header);
        if (h.asSlice(0, MAGIC.length).mismatch(MemorySegment.ofArray(MAGIC)) != -1) {
            return false;
        }
        int version = h.get(ValueLayout.JAVA_INT_UNALIGNED, VERSION_AT);
        return version < FIRST_SOURCED_LAYOUT
                || h.asSlice(SOURCE_AT, SOURCE_BYTES).mismatch(MemorySegment.ofArray(source)) == -1;
    }

    /** SHA-256 of the model file's absolute path: which model a packed copy was made from. */
    private static byte[] source(GgufFile file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(
                    file.path().toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Writes the header and every tensor's packed rows, tensors in parallel. */
    private static void fill(GgufFile file, List<GgufTensorInfo> tensors, long[] offsets, MemorySegment out) {
        MemorySegment.copy(MAGIC, 0, out, ValueLayout.JAVA_BYTE, 0, MAGIC.length);
        out.set(ValueLayout.JAVA_INT_UNALIGNED, VERSION_AT, LAYOUT_VERSION);
        MemorySegment.copy(source(file), 0, out, ValueLayout.JAVA_BYTE, SOURCE_AT, SOURCE_BYTES);
        IntStream.range(0, tensors.size()).parallel().forEach(i -> {
            GgufTensorInfo t = tensors.get(i);
            PackedRows.repack(t.type(), file.tensorData(t), (int) t.dimension(1), (int) t.dimension(0),
                    out.asSlice(offsets[i], offsets[i + 1] - offsets[i]));
        });
    }

    private static String digest(GgufFile file, List<GgufTensorInfo> tensors) {
        return ModelIdentity.digest(file, tensors, "layout " + LAYOUT_VERSION);
    }
}
