package io.lariat.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HugePagesTest {
    @TempDir
    Path dir;

    @Test
    void aFileMappingIsMarkedForHugePagesAndKeepsItsBytes() throws IOException {
        assumeLinuxWithNativeAccess();
        Path file = dir.resolve("weights.bin");
        byte[] bytes = new byte[6 << 20];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(file, bytes);
        try (Arena arena = Arena.ofConfined(); FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes.length, arena);
            assertTrue(HugePages.advise(mapping));
            String flags = vmFlags(mapping.address());
            assertTrue(flags.contains(" hg"), "VmFlags of the mapping: " + flags);
            assertTrue(mapping.mismatch(MemorySegment.ofArray(bytes)) == -1, "bytes unchanged");
        }
    }

    @Test
    void anOpenedGgufFileIsMappedWithTheAdvice() throws IOException {
        assumeLinuxWithNativeAccess();
        Path file = dir.resolve("big.gguf");
        new GgufWriter().tensor("w", GgmlType.F32, new long[] {1 << 20}, new float[1 << 20]).write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            MemorySegment data = gguf.tensorData(gguf.tensor("w").orElseThrow());
            assertTrue(vmFlags(data.address()).contains(" hg"), vmFlags(data.address()));
        }
    }

    @Test
    void heapAndSmallSegmentsAreLeftAlone() {
        assertFalse(HugePages.advise(MemorySegment.ofArray(new byte[4 << 20])));
        try (Arena arena = Arena.ofConfined()) {
            assertFalse(HugePages.advise(arena.allocate(1 << 20)));
        }
    }

    private static void assumeLinuxWithNativeAccess() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"),
                "madvise(MADV_HUGEPAGE) is Linux's");
        Assumptions.assumeTrue(HugePages.class.getModule().isNativeAccessEnabled(), "needs --enable-native-access");
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")),
                "kernel without transparent huge pages");
    }

    /** The VmFlags line of the /proc/self/smaps entry that holds {@code address}. */
    private static String vmFlags(long address) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        boolean inside = false;
        for (String line : lines) {
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (dash > 0 && space > dash && line.substring(0, dash).matches("[0-9a-f]+")) {
                long from = Long.parseUnsignedLong(line.substring(0, dash), 16);
                long to = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                inside = address >= from && address < to;
            } else if (inside && line.startsWith("VmFlags:")) {
                return line;
            }
        }
        return "";
    }
}
