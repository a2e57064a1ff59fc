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
 * A frozen evaluation set of the demo agents, read from a file in the repository so that its questions never change
 * when the training generator does: each task a question, the agent it is for and the call a correct agent makes.
 * Training never reads either set and skips any generated question that occurs in one ({@code EvalSetTest} checks
 * that no question occurs in the training data).
 * <ul>
 *   <li>{@link #natural()}: questions written as people type them (typos, lower case, extra words, units spelled
 *       out, Chinese), independently of the {@link Phrasebook}s; {@value #NATURAL}.</li>
 *   <li>{@link #heldOut()}: the 60 held-out tasks per agent that the generator of commit {@code 4f06e63} gave for
 *       seed 1001, on which the bundled model's README figures were first measured: phrasebook words recombined in
 *       orders training never saw; {@value #HELD_OUT}.</li>
 * </ul>
 *
 * <p>One JSON object a line: {@code agent}, {@code question}, {@code tool} and {@code arguments}. A task's
 * expected answer is written, as for generated tasks, from the expected call's real tool output. Immutable.
 */
public final class EvalSet {

    /** The class-path resource holding the natural-phrasing set. */
    public static final String NATURAL = "eval/natural.jsonl";
    /** The class-path resource holding the frozen held-out set. */
    public static final String HELD_OUT = "eval/held-out.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String resource;
    private final List<DemoTask> tasks;

    private EvalSet(String resource, List<DemoTask> tasks) {
        this.resource = resource;
        this.tasks = List.copyOf(tasks);
    }

    /** The natural-phrasing set. */
    public static EvalSet natural() {
        return read(NATURAL);
    }

    /** The frozen held-out set. */
    public static EvalSet heldOut() {
        return read(HELD_OUT);
    }

    private static EvalSet read(String resource) {
        try (InputStream in = EvalSet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the evaluation set " + resource + " is missing from the build");
            }
            List<DemoTask> tasks = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    tasks.add(task(resource + ":" + (i + 1), JSON.readTree(lines[i])));
                }
            }
            return new EvalSet(resource, tasks);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource + " failed", e);
        }
    }

    /** The questions of both sets, {@linkplain #normalised normalised}: training never asks them. */
    static java.util.Set<String> questions() {
        return Questions.ALL;
    }

    /** A question compared without case, blanks or final marks ("Whats 2+2?" is "whats 2+2"). */
    static String normalised(String question) {
        return question.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s?.!。？！]+", " ").strip();
    }

    /** Loaded on first use. */
    private static final class Questions {
        static final java.util.Set<String> ALL = java.util.stream.Stream.of(natural(), heldOut())
                .flatMap(set -> set.tasks().stream()).map(DemoTask::question).map(EvalSet::normalised)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The resource the set was read from. */
    public String resource() {
        return resource;
    }

    /** Every task, in file order. */
    public List<DemoTask> tasks() {
        return tasks;
    }

    /** The tasks of one agent, in file order. */
    public List<DemoTask> tasks(DemoAgent agent) {
        return tasks.stream().filter(t -> t.agent() == agent).toList();
    }

    private static DemoTask task(String where, JsonNode line) {
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
            default -> throw new IllegalArgumentException(where + ": unknown tool " + tool);
        };
        return new DemoTask(agent, question, call, answerer);
    }
}
