package io.lariat.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.prompts.parse.ToolCallFormat;
import io.lariat.prompts.parse.BuiltinToolCall;
import io.lariat.prompts.parse.CodeInterpreterCall;
import io.lariat.prompts.parse.CustomToolCall;
import io.lariat.prompts.parse.ToolCall;
import io.lariat.tools.BuiltinTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The natural-phrasing test set: questions written as people type them (typos, lower case, extra words, units
 * spelled out, Chinese), independently of the {@link Phrasebook}s, each with the call a correct agent makes.
 * Training never reads it ({@code NaturalSetTest} checks that no question occurs in the training data).
 *
 * <p>Read from {@value #RESOURCE}, one JSON object a line: {@code agent}, {@code question}, {@code tool} and
 * {@code arguments}. A task's expected answer is written, as for generated tasks, from the expected call's real
 * tool output. Immutable.
 */
public final class NaturalSet {

    /** The class-path resource holding the set. */
    public static final String RESOURCE = "eval/natural.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<DemoTask> tasks;

    private NaturalSet(List<DemoTask> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    /** The bundled set. */
    public static NaturalSet bundled() {
        try (InputStream in = NaturalSet.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the natural-phrasing set " + RESOURCE + " is missing from the build");
            }
            List<DemoTask> tasks = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    tasks.add(task(JSON.readTree(line)));
                }
            }
            return new NaturalSet(tasks);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " failed", e);
        }
    }

    /** The bundled set's questions, {@linkplain #normalised normalised}. */
    static java.util.Set<String> questions() {
        return Questions.ALL;
    }

    /** A question compared without case, blanks or final marks ("Whats 2+2?" is "whats 2+2"). */
    static String normalised(String question) {
        return question.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s?.!。？！]+", " ").strip();
    }

    /** Loaded on first use. */
    private static final class Questions {
        static final java.util.Set<String> ALL = bundled().tasks().stream().map(DemoTask::question)
                .map(NaturalSet::normalised).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Every task, in file order. */
    public List<DemoTask> tasks() {
        return tasks;
    }

    /** The tasks of one agent, in file order. */
    public List<DemoTask> tasks(DemoAgent agent) {
        return tasks.stream().filter(t -> t.agent() == agent).toList();
    }

    private static DemoTask task(JsonNode line) {
        DemoAgent agent = DemoAgent.valueOf(line.path("agent").asText().toUpperCase(java.util.Locale.ROOT));
        String question = line.path("question").asText();
        String tool = line.path("tool").asText();
        ObjectNode args = (ObjectNode) line.path("arguments");
        boolean chinese = question.codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        ToolCall call = switch (tool) {
            case BuiltinTools.CALCULATOR, BuiltinTools.SEARCH -> new BuiltinToolCall(tool, args);
            case BuiltinTools.CODE_INTERPRETER -> new CodeInterpreterCall(args.path("code").asText());
            default -> new CustomToolCall(tool, args, ToolCallFormat.JSON);
        };
        DemoTask.Answerer answerer = switch (tool) {
            case BuiltinTools.CALCULATOR -> out -> CalculatorTasks.answer(args.path("query").asText(), out, chinese);
            case BuiltinTools.SEARCH -> out -> ResearcherTasks.answer(out, chinese);
            case BuiltinTools.CODE_INTERPRETER -> out -> AnalystTasks.answer(out, "%s");
            case "lookup_order" -> out -> ConciergeTasks.orderAnswer(out, chinese);
            case "convert_units" -> out -> ConciergeTasks.conversionAnswer(args.path("value").asText(), out, chinese);
            default -> throw new IllegalArgumentException(RESOURCE + ": unknown tool " + tool);
        };
        return new DemoTask(agent, question, call, answerer);
    }
}
