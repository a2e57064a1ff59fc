package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ResearcherTasksTest {

    @Test
    void answerCopiesTheTopSentenceAndCitesItsSource() {
        String output = "[{\"title\": \"Paris\", \"url\": \"samples/paris.md\", \"snippet\": \"Paris is the capital "
                + "of France.\"}, {\"title\": \"Tokyo\", \"url\": \"samples/tokyo.md\", \"snippet\": \"Tokyo.\"}]";
        assertEquals(new DemoTask.Answer("Paris is the capital of France. (Source: Paris, samples/paris.md)",
                "Paris is the capital of France."), ResearcherTasks.answer(output, false));
        assertEquals(new DemoTask.Answer("根据搜索结果：Paris is the capital of France.（来源：Paris, samples/paris.md）",
                "Paris is the capital of France."), ResearcherTasks.answer(output, true));
    }

    @Test
    void withoutResultsTheAnswerSaysSoAndMustContainTheToolText() {
        assertEquals(new DemoTask.Answer("Sorry, the search found nothing.", "[]"),
                ResearcherTasks.answer("[]", false));
    }

    /**
     * The skill the model is trained on: the query is a span of the question as the user typed it, except that a
     * possessive ("what's java's vector api") or a Chinese attribute question ("Tokyo 有多少人口") searches the
     * owner and the attribute without the words between them ({@code java vector api}, {@code Tokyo 人口}).
     */
    @Test
    void everyQueryIsCopiedFromItsQuestion() {
        ResearcherTasks tasks = new ResearcherTasks();
        SplittableRandom random = new SplittableRandom(5);
        Set<String> joins = new TreeSet<>();
        for (int i = 0; i < 3_000; i++) {
            DemoTask task = tasks.next(random, Phrasing.TRAINING);
            String query = task.call().arguments().get("query").asText();
            if (!task.question().contains(query)) {
                String join = join(task.question(), query);
                assertTrue(join != null, task.question() + " -> " + query);
                joins.add(join);
            }
        }
        assertEquals(Set.of("'s ", " 的", "的", " 有多少", "有多少"), joins);
    }

    /** The words that join the query's owner and attribute in the question, or null when no split joins them. */
    private static String join(String question, String query) {
        for (int space = query.indexOf(' '); space > 0; space = query.indexOf(' ', space + 1)) {
            String owner = query.substring(0, space);
            String attribute = query.substring(space + 1);
            for (String join : List.of("'s ", " 的", "的", " 有多少", "有多少")) {
                if (question.contains(owner + join + attribute)) {
                    return join;
                }
            }
        }
        return null;
    }

    /** Questions in free words ("when did apollo 11 land on the moon") start with a question word, any subject. */
    @Test
    void freeQuestionsAskAboutASubjectInFreeWords() {
        SplittableRandom random = new SplittableRandom(7);
        Set<String> openings = new TreeSet<>();
        for (int i = 0; i < 400; i++) {
            String question = ResearcherTasks.freeQuestion(random);
            openings.add(question.substring(0, question.indexOf(' ')));
            assertTrue(question.split(" ").length >= 3, question);
        }
        assertTrue(openings.containsAll(Set.of("when", "how", "why", "where", "what", "who", "in", "at")),
                openings.toString());
    }

    /** "What's the population of paris" searches the attribute of the subject, not the whole question. */
    @Test
    void attributesNameAPropertyOfASubject() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200; i++) {
            String query = ResearcherTasks.attribute(random);
            assertTrue(query.matches("[a-z ]+ (of|in) .+"), query);
        }
    }

    /** "What is the java virtual machine" and "look up a black hole" search the term without its article. */
    @Test
    void definitionalQuestionsAndCommandsSearchTheTermWithoutItsArticle() {
        assertEquals("java virtual machine", ResearcherTasks.withoutArticle("the java virtual machine"));
        assertEquals("black hole", ResearcherTasks.withoutArticle("a black hole"));
        assertEquals("atom", ResearcherTasks.withoutArticle("an atom"));
        assertEquals("theory", ResearcherTasks.withoutArticle("theory"));
        SplittableRandom random = new SplittableRandom(13);
        Set<String> spoken = new TreeSet<>();
        for (int i = 0; i < 500; i++) {
            String term = ResearcherTasks.term(random);
            assertTrue(!term.matches("(?i)(the|an?) .*"), term);
            String said = ResearcherTasks.spoken(random, term);
            assertTrue(said.endsWith(term), said);
            spoken.add(said.substring(0, said.length() - term.length()));
        }
        assertEquals(Set.of("", "the ", "a ", "an "), spoken);
    }
}
