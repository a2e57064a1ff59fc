package io.lariat.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.prompts.parse.BuiltinToolCall;
import io.lariat.tools.BuiltinTools;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Researcher tasks: a question about a topic of the bundled sample corpus, the {@code brave_search} call that copies
 * the topic, and an answer that copies the top result's sentence and cites its title and address.
 */
final class ResearcherTasks implements TaskSource {

    /** The sample corpus's subjects, as a user would name them. */
    private static final List<String> TOPICS = List.of("Apollo 11", "DNA", "GGUF", "GraalVM", "the Java Vector API",
            "Java virtual threads", "the Java Virtual Machine", "Llama 3.1", "Llama 3.2", "the Llama 3 architecture",
            "llama.cpp", "Apache Lucene", "Mount Everest", "Paris", "photosynthesis", "model quantization", "Quarkus",
            "the Solar System", "the speed of light", "Tokyo", "the Transformer", "water");
    private static final Phrasebook ENGLISH = new Phrasebook(
            List.of("", "Hi, ", "Hello! ", "Hey, ", "Quick question: ", "Research question: ", "OK, ", "So, "),
            List.of("Tell me about %s.", "What is %s?", "Search for %s.", "Look up %s.", "What do you know about %s?",
                    "Find information on %s.", "I want to learn about %s.", "Give me a fact about %s.",
                    "What can you find about %s?", "Search the web for %s.", "Can you look up %s for me?",
                    "Find a source about %s.", "What does the web say about %s?", "I need information on %s."),
            List.of("", " Thanks!", " Thank you.", " Please.", " Cite the source.", " Keep it short."),
            true);
    private static final Phrasebook CHINESE = new Phrasebook(List.of("", "你好，", "请问，"),
            List.of("搜索一下 %s。", "%s 是什么？", "介绍一下 %s。", "帮我查一下 %s。"), List.of("", "谢谢！", "谢谢。"), false);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public DemoTask next(SplittableRandom random, Phrasing phrasing) {
        String topic = TaskSource.pick(random, TOPICS);
        boolean chinese = random.nextInt(100) < 15;
        String question = (chinese ? CHINESE : ENGLISH).compose(random, phrasing, topic);
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("query", topic);
        return new DemoTask(DemoAgent.RESEARCHER, question, new BuiltinToolCall(BuiltinTools.SEARCH, args),
                output -> answer(output, chinese));
    }

    /**
     * Copies the top result's sentence and cites it; the value a correct answer must contain is that sentence.
     * Without results (or with unreadable output) the answer says so and must contain the tool's text.
     */
    static DemoTask.Answer answer(String output, boolean chinese) {
        JsonNode top = firstResult(output);
        if (top == null) {
            return new DemoTask.Answer(chinese ? "抱歉，没有找到结果。" : "Sorry, the search found nothing.", output);
        }
        String sentence = top.path("snippet").asText();
        String source = top.path("title").asText() + ", " + top.path("url").asText();
        String text = chinese ? "根据搜索结果：" + sentence + "（来源：" + source + "）"
                : sentence + " (Source: " + source + ")";
        return new DemoTask.Answer(text, sentence);
    }

    private static JsonNode firstResult(String output) {
        try {
            JsonNode node = JSON.readTree(output);
            return node.isArray() && !node.isEmpty() && node.get(0).hasNonNull("snippet") ? node.get(0) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
