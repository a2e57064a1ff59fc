package io.lariat.engine.model;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * Fixed prefixes (an agent's system prompt and tools) kept on disk as KV cache blocks, so that the next process
 * starts with them already evaluated.
 *
 * <p>One file per prefix in {@code <root>/<model digest>/}, named {@code <variant>-<chained hash of its ids>.kv},
 * where the variant names the engine precision and the cache's element type. A file holds a header (format
 * version, block geometry, model digest, variant, the ids), the blocks (positions past the prefix zeroed) and a
 * CRC32C of everything before it. Reading checks, in order, the size the header declares, the checksum, the model
 * digest, the variant and the geometry; a file failing any is reported and ignored, and the next write replaces it.
 * Files are written to a temporary name and moved into place. The files of all models under the root take at most
 * the store's budget: after each write the least recently used ones (by modification time, which reading a file
 * renews) are deleted until the rest fit, and a prefix larger than the whole budget is not written. Thread-safe.
 */
public final class KvPrefixStore {
    private static final byte[] MAGIC = "LARIATKV".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int B = KvCache.BLOCK_TOKENS;

    private final Path root;
    private final Path dir;
    private final long budget;
    private final String modelDigest;
    private final String variant;
    private final Set<String> present = ConcurrentHashMap.newKeySet();

    /** Why a file was not used. */
    public enum Problem {
        /** Shorter (or longer) than its header says. */
        TRUNCATED,
        /** The checksum does not match the contents. */
        CHECKSUM,
        /** Written for another model. */
        MODEL,
        /** Written by an engine of another precision or KV element type. */
        PRECISION,
        /** Another block size, head layout or format version. */
        LAYOUT,
        /** Not a prefix file, or not readable. */
        UNREADABLE
    }

    /** A file that was ignored, and why. */
    public record Rejected(Path file, Problem problem) {
    }

    /**
     * @param root        the cache folder
     * @param modelDigest names the model (see {@link ModelIdentity})
     * @param variant     names how the blocks were computed, e.g. {@code exact-f16}
     * @param budget      bytes the files under {@code root} may take together
     */
    KvPrefixStore(Path root, String modelDigest, String variant, long budget) {
        this.root = root;
        this.budget = budget;
        this.dir = root.resolve(modelDigest);
        this.modelDigest = modelDigest;
        this.variant = variant;
    }

    /**
     * The store of {@code model}'s prefixes under {@code root}, for blocks computed as {@code variant} (the engine
     * precision and the KV element type, e.g. {@code exact-f16}), the files of all models under {@code root} taking
     * at most {@code budget} bytes.
     */
    public static KvPrefixStore forModel(Path root, io.lariat.engine.gguf.GgufFile model, String variant,
                                         long budget) {
        return new KvPrefixStore(root, ModelIdentity.digest(model, model.tensors(), "kv " + VERSION), variant,
                budget);
    }

    /** The folder of this model's files. */
    public Path folder() {
        return dir;
    }

    /** Reads every file of this model and variant into {@code cache} as unheld sealed blocks; returns the rejects. */
    List<Rejected> loadInto(KvCache cache) {
        List<Rejected> rejected = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return rejected;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, variant + "-*.kv")) {
            for (Path file : files) {
                Problem problem = load(file, cache);
                if (problem != null) {
                    rejected.add(new Rejected(file, problem));
                } else {
                    present.add(file.getFileName().toString());
                    // read now: the last to go when the folder is trimmed
                    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                            System.currentTimeMillis()));
                }
            }
        } catch (IOException e) {
            rejected.add(new Rejected(dir, Problem.UNREADABLE));
        }
        return rejected;
    }

    /**
     * Writes the first {@code length} positions of {@code blocks} (holding {@code ids}) unless this run already read
     * or wrote that prefix. Returns whether a file was written.
     */
    boolean write(KvCache cache, KvBlock[] blocks, int[] ids, int length) throws IOException {
        String name = variant + "-" + String.format("%016x", KvCache.chain(KvCache.ROOT_HASH, ids, 0, length)) + ".kv";
        ByteBuffer header = header(cache, ids, length);
        long size = header.remaining() + (length + B - 1) / B * cache.blockBytes() + 8;
        if (present.contains(name) || size > budget) {
            return false;
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, name, ".partial");
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE); Arena arena = Arena.ofConfined()) {
            CRC32C crc = new CRC32C();
            put(out, crc, header);
            int count = (length + B - 1) / B;
            for (int i = 0; i < count; i++) {
                MemorySegment data = blocks[i].memory;
                if (i == count - 1 && length % B != 0) {
                    data = arena.allocate(cache.blockBytes(), 64).copyFrom(data);
                    cache.clearFrom(data, length % B);
                }
                put(out, crc, data.asByteBuffer());
            }
            put(out, null, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, crc.getValue()));
            out.force(false);
        }
        try {
            Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        present.add(name);
        trim(dir.resolve(name));
        return true;
    }

    /** Deletes the least recently used prefix files under the root, never {@code kept}, until the rest fit. */
    private void trim(Path kept) throws IOException {
        record Entry(Path file, long size, long used) {
        }
        List<Entry> files = new ArrayList<>();
        try (DirectoryStream<Path> models = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path model : models) {
                try (DirectoryStream<Path> kv = Files.newDirectoryStream(model, "*.kv")) {
                    for (Path file : kv) {
                        files.add(new Entry(file, Files.size(file), Files.getLastModifiedTime(file).toMillis()));
                    }
                }
            }
        }
        long total = files.stream().mapToLong(Entry::size).sum();
        files.sort(java.util.Comparator.comparingLong(Entry::used));
        for (Entry entry : files) {
            if (total <= budget) {
                return;
            }
            if (!entry.file().equals(kept) && Files.deleteIfExists(entry.file())) {
                total -= entry.size();
                if (entry.file().getParent().equals(dir)) {
                    present.remove(entry.file().getFileName().toString());
                }
            }
        }
    }

    private ByteBuffer header(KvCache cache, int[] ids, int length) {
        byte[] digest = modelDigest.getBytes(StandardCharsets.UTF_8);
        byte[] kind = variant.getBytes(StandardCharsets.UTF_8);
        ByteBuffer header = ByteBuffer.allocate(8 + 4 * 8 + digest.length + kind.length + 4 * length)
                .order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(VERSION).putInt(B).putInt(cache.geometry()[0]).putInt(cache.geometry()[1])
                .putInt(cache.geometry()[2]);
        header.putInt(digest.length).put(digest).putInt(kind.length).put(kind).putInt(length);
        for (int i = 0; i < length; i++) {
            header.putInt(ids[i]);
        }
        return header.flip();
    }

    private static void put(FileChannel out, CRC32C crc, ByteBuffer data) throws IOException {
        if (crc != null) {
            crc.update(data.duplicate());
        }
        while (data.hasRemaining()) {
            out.write(data);
        }
    }

    private Problem load(Path file, KvCache cache) {
        try (Arena arena = Arena.ofConfined(); FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            MemorySegment all = in.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return read(all, size, cache);
        } catch (IOException | RuntimeException e) {
            return Problem.UNREADABLE;
        }
    }

    private Problem read(MemorySegment all, long size, KvCache cache) {
        ByteBuffer buffer = all.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        if (size < 8 + 4 * 6) {
            return size < MAGIC.length ? Problem.UNREADABLE : Problem.TRUNCATED;
        }
        buffer.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            return Problem.UNREADABLE;
        }
        int[] geometry = {buffer.getInt(), buffer.getInt(), buffer.getInt(), buffer.getInt(), buffer.getInt()};
        String digest = string(buffer);
        String kind = digest == null ? null : string(buffer);
        if (kind == null || buffer.remaining() < 4) {
            return Problem.TRUNCATED;
        }
        int length = buffer.getInt();
        if (length < 1 || buffer.remaining() < 4L * length) {
            return length < 1 ? Problem.UNREADABLE : Problem.TRUNCATED;
        }
        int[] ids = new int[length];
        buffer.asIntBuffer().get(ids);
        long dataStart = buffer.position() + 4L * length;
        long blockBytes = 2L * geometry[2] * B * geometry[3] * geometry[4] * cache.type().bytes();
        long expected = dataStart + (length + B - 1) / B * blockBytes + 8;
        if (geometry[1] != B || size != expected) {
            return geometry[1] != B ? Problem.LAYOUT : Problem.TRUNCATED;
        }
        CRC32C crc = new CRC32C();
        crc.update(all.asSlice(0, size - 8).asByteBuffer());
        if (crc.getValue() != all.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getLong((int) (size - 8))) {
            return Problem.CHECKSUM;
        }
        if (!digest.equals(modelDigest)) {
            return Problem.MODEL;
        }
        if (!kind.equals(variant)) {
            return Problem.PRECISION;
        }
        if (geometry[0] != VERSION || !java.util.Arrays.equals(cache.geometry(), 0, 3, geometry, 2, 5)) {
            return Problem.LAYOUT;
        }
        cache.insert(ids, all.asSlice(dataStart, expected - 8 - dataStart));
        return null;
    }

    private static String string(ByteBuffer buffer) {
        if (buffer.remaining() < 4) {
            return null;
        }
        int n = buffer.getInt();
        if (n < 0 || n > buffer.remaining()) {
            return null;
        }
        byte[] bytes = new byte[n];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
