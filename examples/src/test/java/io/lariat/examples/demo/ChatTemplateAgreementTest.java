package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.ChatFormat;
import io.lariat.prompts.ChatTemplate;
import io.lariat.prompts.Message;
import io.lariat.prompts.ToolSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo model's Jinja chat template renders byte for byte what the agents' {@link ChatFormat} renders. */
class ChatTemplateAgreementTest {

    private static final Path VOCAB = Path.of(System.getProperty("lariat.shared.dir", "../../shared"))
            .resolve("testdata/llama31-vocab.gguf");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd MMMM yyyy", Locale.ENGLISH);

    private static ToolRunner tools;
    private static DemoRenderer renderer;
    private static ChatTemplate template;

    @BeforeAll
    static void setUp() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(VOCAB), "needs ../shared/testdata/llama31-vocab.gguf");
        Tokenizer tokenizer;
        try (GgufFile file = GgufFile.open(VOCAB)) {
            tokenizer = Tokenizer.fromGguf(file);
        }
        tools = ToolRunner.demo();
        renderer = new DemoRenderer(tokenizer, tools.customToolSpecs());
        template = new ChatTemplate(DemoTrainingRun.chatTemplate(), "<|begin_of_text|>", "<|eot_id|>",
                Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() {
        if (tools != null) {
            tools.close();
        }
    }

    static Stream<DemoAgent> agents() {
        return Stream.of(DemoAgent.values());
    }

    @ParameterizedTest
    @MethodSource("agents")
    void templateRendersTheSameConversationsAsChatFormat(DemoAgent agent) {
        for (DemoConversation c : DemoData.standard(tools).generate(agent, 8, 11, Phrasing.TRAINING)) {
            ChatFormat format = renderer.format(agent, c.today());
            Map<String, Object> vars = new HashMap<>();
            vars.put("builtin_tools", agent.builtinTools());
            vars.put("date_string", DATE.format(c.today()));
            List<Message> prompt = c.prompt();
            List<ToolSpec> custom = agent.usesCustomTools() ? tools.customToolSpecs() : List.of();
            assertEquals(format.renderText(c.messages(), false), template.render(c.messages(), custom, vars, false));
            assertEquals(format.renderText(prompt, true), template.render(prompt, custom, vars, true));
        }
    }
}
