package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhrasebookTest {

    private static final Phrasebook BOOK = new Phrasebook(List.of("", "Hi, ", "Quick question: ", "Hello! "),
            List.of("What is %s?", "Compute %s.", "Tell me what %s equals.", "%s = ?"),
            List.of("", " Thanks!", " Please."), true);

    private static Set<String> questions(Phrasing phrasing, int count) {
        SplittableRandom random = new SplittableRandom(5);
        Set<String> out = new HashSet<>();
        for (int i = 0; i < count; i++) {
            out.add(BOOK.compose(random, phrasing, "X"));
        }
        return out;
    }

    @Test
    void heldOutQuestionsNeverOccurInTraining() {
        Set<String> training = questions(Phrasing.TRAINING, 5_000);
        Set<String> heldOut = questions(Phrasing.HELD_OUT, 5_000);
        assertFalse(heldOut.isEmpty());
        Set<String> both = new HashSet<>(heldOut);
        both.retainAll(training);
        assertEquals(Set.of(), both);
    }

    @Test
    void everyPartOccursInTraining() {
        Set<String> training = questions(Phrasing.TRAINING, 5_000);
        for (String opener : List.of("Hi, ", "Quick question: ", "Hello! ")) {
            assertTrue(training.stream().anyMatch(q -> q.startsWith(opener)), opener);
        }
        for (String core : List.of("hat is X", "ompute X", "ell me what X equals", "X = ?")) {
            assertTrue(training.stream().anyMatch(q -> q.contains(core)), core);
        }
        for (String closer : List.of(" Thanks!", " Please.")) {
            assertTrue(training.stream().anyMatch(q -> q.endsWith(closer)), closer);
        }
    }

    @Test
    void theSplitIsAboutOneInFour() {
        int heldOut = 0;
        for (int o = 0; o < 10; o++) {
            for (int c = 0; c < 10; c++) {
                for (int e = 0; e < 10; e++) {
                    heldOut += Phrasebook.isHeldOut(o, c, e) ? 1 : 0;
                }
            }
        }
        assertTrue(heldOut > 150 && heldOut < 350, "held out " + heldOut + " of 1000");
    }

    @Test
    void valuesKeepTheirCaseWhenTheFrameIsLowerCased() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 500; i++) {
            assertTrue(BOOK.compose(random, Phrasing.TRAINING, "A-12345").contains("A-12345"));
        }
    }

    @Test
    void anOpenerEndingInACommaLowerCasesTheCore() {
        Set<String> training = questions(Phrasing.TRAINING, 5_000);
        training.addAll(questions(Phrasing.HELD_OUT, 5_000));
        assertTrue(training.stream().noneMatch(q -> q.startsWith("Hi, W") || q.startsWith("Hi, C")));
    }

    @Test
    void theEmptyPartsMustComeFirst() {
        assertThrows(IllegalArgumentException.class,
                () -> new Phrasebook(List.of("Hi, ", ""), List.of("%s"), List.of(""), true));
    }
}
