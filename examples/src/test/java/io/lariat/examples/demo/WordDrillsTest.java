package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.engine.train.TrainingExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordDrillsTest {

    private static final Path VOCAB = Path.of(System.getProperty("lariat.shared.dir", "../../shared"))
            .resolve("testdata/llama31-vocab.gguf");

    private static Tokenizer tokenizer;
    private static WordDrills drills;

    @BeforeAll
    static void load() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(VOCAB), "needs ../../shared/testdata/llama31-vocab.gguf");
        try (GgufFile file = GgufFile.open(VOCAB)) {
            tokenizer = Tokenizer.fromGguf(file);
        }
        drills = WordDrills.of(tokenizer);
    }

    @Test
    void everydayWordsThatTheOldModelCouldNotReadAreDrilled() {
        for (String word : List.of("power", "biggest", "pounds", "miles", "tall", "moon", "river", "planet", "quarter",
                "median", "lowest", "arrive", "package", "cancelled")) {
            int[] ids = tokenizer.encode(" " + word);
            assertEquals(1, ids.length, word);
            assertTrue(drills.englishWords().contains(word), word);
        }
        for (String word : List.of("乘以", "米", "公", "人口", "发明", "多少", "什么")) {
            for (int id : tokenizer.encode(word)) {
                assertTrue(drills.chineseWords().contains(tokenizer.decode(new int[] {id})), word + ": " + id);
            }
        }
    }

    @Test
    void aDrillRepeatsItsWordsAndOnlyTheRepeatedWordsAreTargets() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50; i++) {
            String[] lines = drills.drill(random).split("\n");
            assertEquals(2, lines.length);
            assertEquals(lines[0].substring(lines[0].indexOf(lines[0].startsWith("Words") ? ' ' : '：') + 1),
                    lines[1].substring(lines[1].indexOf(lines[1].startsWith("Again") ? ' ' : '：') + 1));
        }
        for (TrainingExample e : drills.examples(20, 3)) {
            String text = tokenizer.decode(Arrays.copyOfRange(e.tokens(), 1, e.tokens().length));
            String[] lines = text.split("\n");
            int firstTarget = 0;
            while (!e.target()[firstTarget]) {
                firstTarget++;
            }
            String targets = tokenizer.decode(Arrays.copyOfRange(e.tokens(), firstTarget, e.tokens().length));
            String repeated = lines[1].substring(lines[1].indexOf('：') >= 0 ? lines[1].indexOf('：') + 1 : 6);
            assertEquals(repeated, targets, text);
            for (int i = firstTarget; i < e.tokens().length; i++) {
                assertTrue(e.target()[i], text);
            }
            assertEquals(tokenizer.bosId(), e.tokens()[0]);
        }
        assertEquals(drills.examples(20, 3), drills.examples(20, 3));
    }

    @Test
    void drillsCoverThousandsOfWordIdsInBothLanguages() {
        BitSet ids = new BitSet();
        for (TrainingExample e : drills.examples(4_000, 1)) {
            for (int id : e.tokens()) {
                ids.set(id);
            }
        }
        assertTrue(drills.englishWords().size() > 5_000, "English words: " + drills.englishWords().size());
        assertTrue(drills.chineseWords().size() > 2_000, "Chinese words: " + drills.chineseWords().size());
        assertTrue(ids.cardinality() > 8_000, "distinct ids in 4,000 drills: " + ids.cardinality());
    }
}
