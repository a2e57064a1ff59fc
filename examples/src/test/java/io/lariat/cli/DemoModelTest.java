package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoModelTest {
    @TempDir
    Path dir;

    @Test
    void aRetrainedModelOfTheSameSizeIsExtractedAgainNotServedFromTheCache() throws Exception {
        Path cache = dir.resolve("cache");
        Path first = Files.write(Files.createDirectories(dir.resolve("v1")).resolve("demo.gguf"), new byte[] {1, 2, 3});
        Path second = Files.write(Files.createDirectories(dir.resolve("v2")).resolve("demo.gguf"), new byte[] {4, 5, 6});

        Path extractedFirst = DemoModel.extract(first, cache);
        Path extractedSecond = DemoModel.extract(second, cache);

        assertNotEquals(extractedFirst, extractedSecond);
        assertArrayEquals(new byte[] {4, 5, 6}, Files.readAllBytes(extractedSecond));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(extractedFirst));
    }

    @Test
    void theExtractedCopyKeepsTheBundledNameWhichIsTheServedModelsName() throws Exception {
        Path model = Files.write(Files.createDirectories(dir.resolve("models")).resolve("lariat-demo.gguf"),
                new byte[] {9});

        assertEquals("lariat-demo.gguf", DemoModel.extract(model, dir.resolve("cache")).getFileName().toString());
    }

    @Test
    void theSameModelIsExtractedOnce() throws Exception {
        Path cache = dir.resolve("cache");
        Path model = Files.write(dir.resolve("demo.gguf"), new byte[] {7, 8});

        Path extracted = DemoModel.extract(model, cache);
        long written = Files.getLastModifiedTime(extracted).toMillis();
        Files.setLastModifiedTime(extracted, FileTime.fromMillis(written - 60_000));

        assertEquals(extracted, DemoModel.extract(model, cache));
        assertEquals(written - 60_000, Files.getLastModifiedTime(extracted).toMillis());
    }
}
