package io.lariat.engine.model;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufTensorInfo;
import io.lariat.engine.kernels.PackedRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * Without a cache folder, or when it cannot be written, the rows are repacked into off-heap memory instead.
 */
final class PackedWeights {
    /** Bumped whenever a packed layout changes, so stale cache files are never mapped. */
    private static final int LAYOUT_VERSION = 3;
    private static final long HEADER = 64;
    private static final byte[] MAGIC = "LARIATPK".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, PackedRows> rows;

    private PackedWeights(Map<String, PackedRows> rows) {
        this.rows = rows;
    }

    /** Packs (or maps the packed copy of) every 2-D tensor of {@code file} that {@link PackedRows#packs} selects. */
    static PackedWeights load(GgufFile file, Path cacheDir) {
        List<GgufTensorInfo> tensors = file.tensors().stream()
                .filter(t -> t.rank() == 2 && PackedRows.packs(t.type(), (int) t.dimension(0))).toList();
        long[] offsets = new long[tensors.size() + 1];
        offsets[0] = HEADER;
        for (int i = 0; i < tensors.size(); i++) {
            GgufTensorInfo t = tensors.get(i);
            long bytes = PackedRows.bytes(t.type(), (int) t.dimension(1), (int) t.dimension(0));
            offsets[i + 1] = offsets[i] + (bytes + 63) / 64 * 64;
        }
        MemorySegment all = tensors.isEmpty() ? MemorySegment.NULL : segment(file, tensors, offsets, cacheDir);
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

    private static MemorySegment segment(GgufFile file, List<GgufTensorInfo> tensors, long[] offsets, Path dir) {
        long size = offsets[tensors.size()];
        if (dir != null) {
            Path target = dir.resolve(digest(file, tensors) + ".packed");
            try {
                if (!isComplete(target, size)) {
                    write(file, tensors, offsets, dir, target);
                }
                try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ)) {
                    return channel.map(FileChannel.MapMode.READ_ONLY, 0, size, Arena.ofAuto());
                }
            } catch (IOException | UncheckedIOException e) {
                // an unwritable cache folder costs load time, not correctness: repack in memory below
            }
        }
        MemorySegment memory = Arena.ofAuto().allocate(size, 64);
        fill(file, tensors, offsets, memory);
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
                fill(file, tensors, offsets, out);
                out.force();
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Writes the header and every tensor's packed rows, tensors in parallel. */
    private static void fill(GgufFile file, List<GgufTensorInfo> tensors, long[] offsets, MemorySegment out) {
        MemorySegment.copy(MAGIC, 0, out, ValueLayout.JAVA_BYTE, 0, MAGIC.length);
        out.set(ValueLayout.JAVA_INT_UNALIGNED, MAGIC.length, LAYOUT_VERSION);
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
