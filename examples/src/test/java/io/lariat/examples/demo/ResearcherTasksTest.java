package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
