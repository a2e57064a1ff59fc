package io.lariat.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.ErrorEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.Session;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.engine.Precision;
import io.lariat.examples.ExampleAgent;
import io.lariat.examples.LocalTools;
import io.lariat.examples.demo.AgentRunScore;
import io.lariat.examples.demo.DemoAgent;
import io.lariat.examples.demo.DemoConversation;
import io.lariat.examples.demo.DemoData;
import io.lariat.examples.demo.DemoTask;
import io.lariat.examples.demo.EvalSet;
import io.lariat.examples.demo.Phrasing;
import io.lariat.examples.demo.ToolRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lariat eval-demo [--set held-out|natural|generated] [--per-agent N] [--seed S] [--agents a,b]
 * [--model MODEL] [--json] [--[no-]constrained-calls]}: measures a model on the demo agents' tasks through the real
 * agent loop, exactly as {@code lariat agent NAME "..."} runs them (tool calls constrained to the declared tools, as
 * agents do by default; {@code --no-constrained-calls} measures the model alone).
 *
 * <p>The tasks are a frozen {@link EvalSet} ({@code held-out}: the 60 tasks per agent of
 * {@value EvalSet#HELD_OUT}; {@code natural}: the 100 of {@value EvalSet#NATURAL}), of which {@code --per-agent}
 * takes the first N per agent, or ({@code generated}) {@code --per-agent} tasks per agent generated from today's
 * generator's held-out phrasings with seed {@code --seed}. The expected tool result of each task comes from running
 * the expected call (dated from {@code --seed}). Each task runs in a fresh session of the example agent and is scored
 * by {@link AgentRunScore}. Prints per agent the task count, the share of well-formed tool calls and of correct
 * final answers, and the strict figures; {@code --json} prints one JSON line instead. Exits 0 whenever the
 * measurement completes, whatever the figures.
 */
@Command(name = "eval-demo", description = "Measure a model on the demo agents' held-out tasks through the agent "
        + "loop (well-formed tool calls and correct answers per agent).")
final class EvalDemoCommand implements Callable<Integer> {
    /** The seed of the held-out set the README's figures were measured on. */
    static final long DEFAULT_SEED = 1001;

    @ParentCommand
    LariatCli root;

    @Spec
    CommandSpec spec;

    /** Tasks per agent of {@code --set generated} when {@code --per-agent} is not given. */
    static final int DEFAULT_GENERATED = 60;

    @Option(names = {"-n", "--per-agent"}, description = "Tasks per agent: the first N of a frozen set (default: all "
            + "of them), or N generated tasks (default " + DEFAULT_GENERATED + ").")
    Integer perAgent;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, description = "Seed of the generated set and of the "
            + "tasks' dates (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--agents", split = ",", paramLabel = "NAME", description = "Agents to measure (default: "
            + "calculator,researcher,analyst,concierge).")
    List<String> agents;

    @Option(names = {"-m", "--model"}, description = "GGUF file or model name (default: $LARIAT_MODEL, else the "
            + "bundled demo model).")
    String model;

    @Option(names = "--set", defaultValue = "held-out", paramLabel = "SET", converter = TaskSetConverter.class,
            description = "Tasks to run: held-out (the frozen set of phrasebook phrasings never trained on, 60 per "
                    + "agent), natural (the frozen natural-phrasing set, questions as people type them, 100 per "
                    + "agent) or generated (held-out phrasings of today's generator, drawn from --seed).")
    TaskSet set;

    /** Which tasks eval-demo runs. */
    enum TaskSet {
        HELD_OUT("held-out"), NATURAL("natural"), GENERATED("generated");

        final String label;

        TaskSet(String label) {
            this.label = label;
        }
    }

    /** Reads {@code held-out}, {@code natural} or {@code generated}. */
    static final class TaskSetConverter implements CommandLine.ITypeConverter<TaskSet> {
        @Override
        public TaskSet convert(String value) {
            return java.util.Arrays.stream(TaskSet.values()).filter(t -> t.label.equals(value)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            "expected held-out, natural or generated, got '" + value + "'"));
        }
    }

    @Option(names = "--json", description = "Print one JSON line instead of a table.")
    boolean json;

    @Option(names = "--show-failures", description = "Print each task that missed (question, calls, answer, "
            + "expected value) to stderr.")
    boolean showFailures;

    @Option(names = "--ctx", converter = OptionLimits.ContextSize.class, defaultValue = "4096",
            description = "Context window in tokens (default "
            + "${DEFAULT-VALUE}).")
    int contextSize;

    @Option(names = "--constrained-calls", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Constrain tool calls to the declared tools and their schemas, as agents do by default "
                    + "(--no-constrained-calls measures the model alone).")
    boolean constrainedCalls;

    /** How the backend is made; tests may replace it. */
    Function<Path, ModelBackend> backends = file -> AgentCommand.embedded(file, contextSize, Precision.DEFAULT, true,
            root.console().home(), root.console().env());

    /**
     * The counts of one agent.
     *
     * @param agent          the agent's name
     * @param tasks          tasks run
     * @param wellFormed     runs whose first turn made one accepted call to the expected tool
     * @param correct        runs whose final answer contained the expected value
     * @param rightArguments runs whose well-formed call also carried the expected arguments (strict)
     * @param strictCorrect  runs whose final answer held the expected value as a whole number or word (strict)
     */
    record Tally(String agent, int tasks, int wellFormed, int correct, int rightArguments, int strictCorrect) {

        double wellFormedPercent() {
            return 100.0 * wellFormed / tasks;
        }

        double correctPercent() {
            return 100.0 * correct / tasks;
        }

        double rightArgumentsPercent() {
            return 100.0 * rightArguments / tasks;
        }

        double strictCorrectPercent() {
            return 100.0 * strictCorrect / tasks;
        }

        Tally plus(AgentRunScore score) {
            return new Tally(agent, tasks + 1, wellFormed + (score.wellFormedCall() ? 1 : 0),
                    correct + (score.correctAnswer() ? 1 : 0), rightArguments + (score.rightArguments() ? 1 : 0),
                    strictCorrect + (score.strictAnswer() ? 1 : 0));
        }

        Tally plus(Tally other) {
            return new Tally(agent, tasks + other.tasks, wellFormed + other.wellFormed, correct + other.correct,
                    rightArguments + other.rightArguments, strictCorrect + other.strictCorrect);
        }
    }

    @Override
    public Integer call() {
        List<ExampleAgent> selected = selectedAgents();
        if (perAgent != null && perAgent < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--per-agent must be at least 1, got "
                    + perAgent);
        }
        Path file = AgentCommand.modelFile(root, model);
        List<Tally> tallies = new ArrayList<>();
        try (ModelBackend backend = constrainedCalls ? backends.apply(file)
                : new UnconstrainedBackend(backends.apply(file)); LocalTools tools = new LocalTools();
             ToolRunner expected = ToolRunner.demo()) {
            DemoData data = DemoData.standard(expected);
            for (ExampleAgent example : selected) {
                Tally tally = measure(example, backend, tools, data);
                root.console().err().printf(Locale.ROOT, "%s: %d tasks done%n", tally.agent(), tally.tasks());
                root.console().err().flush();
                tallies.add(tally);
            }
        }
        PrintWriter out = root.console().out();
        out.print(json ? json(file, tallies) + "\n" : table(tallies));
        out.flush();
        return 0;
    }

    private List<ExampleAgent> selectedAgents() {
        if (agents == null || agents.isEmpty()) {
            return List.of(ExampleAgent.values());
        }
        Map<String, ExampleAgent> out = new LinkedHashMap<>();
        for (String name : agents) {
            ExampleAgent agent = ExampleAgent.named(name.strip()).orElseThrow(() ->
                    new CommandLine.ParameterException(spec.commandLine(), "unknown agent '" + name + "' (known: "
                            + String.join(", ", ExampleAgent.names()) + ")"));
            out.put(agent.agentName(), agent);
        }
        return List.copyOf(out.values());
    }

    private Tally measure(ExampleAgent example, ModelBackend backend, LocalTools tools, DemoData data) {
        DemoAgent demo = DemoAgent.valueOf(example.name());
        Agent agent = example.create(backend, tools);
        Tally tally = new Tally(example.agentName(), 0, 0, 0, 0, 0);
        List<DemoConversation> tasks = tasks(demo, data);
        for (DemoConversation task : tasks) {
            List<AgentEvent> events;
            try (Session session = Session.create()) {
                events = agent.run(session, task.task().question()).collect().asList().await().indefinitely();
            }
            AgentRunScore score = AgentRunScore.of(events, task.task(), task.answer());
            tally = tally.plus(score);
            progress(tally, tasks.size());
            if (showFailures && !(score.rightArguments() && score.strictAnswer())) {
                root.console().err().println(failure(example, task, events));
            }
        }
        return tally;
    }

    /** The conversations of one agent's tasks of the chosen set, each with its expected tool result. */
    private List<DemoConversation> tasks(DemoAgent demo, DemoData data) {
        if (set == TaskSet.GENERATED) {
            return data.generate(demo, perAgent == null ? DEFAULT_GENERATED : perAgent, seed, Phrasing.HELD_OUT);
        }
        List<DemoTask> frozen = (set == TaskSet.NATURAL ? EvalSet.natural() : EvalSet.heldOut()).tasks(demo);
        return data.conversations(frozen.subList(0, perAgent == null ? frozen.size()
                : Math.min(perAgent, frozen.size())), seed);
    }

    /** Redraws {@code calculator: 12/60 tasks, 11 correct} in place on stderr after each task. */
    private void progress(Tally tally, int total) {
        PrintWriter err = root.console().err();
        err.printf(Locale.ROOT, "\r%s: %d/%d tasks, %d correct", tally.agent(), tally.tasks(), total,
                tally.correct());
        if (showFailures) {
            err.println();
        } else if (tally.tasks() == total) {
            err.print("\r" + " ".repeat(tally.agent().length() + 40) + "\r");
        }
        err.flush();
    }

    /** One line naming what a missed task asked, what the agent did and what was expected. */
    private static String failure(ExampleAgent example, DemoConversation task, List<AgentEvent> events) {
        StringBuilder out = new StringBuilder("✗ ").append(example.agentName()).append(": ")
                .append(task.task().question());
        for (AgentEvent event : events) {
            switch (event) {
                case ToolCallEvent c -> out.append(" → ").append(c.tool()).append(' ').append(Json.write(c.arguments()));
                case FinalEvent f -> out.append(" ⇒ ").append(f.reason()).append(": ").append(f.content());
                case ErrorEvent e -> out.append(" ⇒ error: ").append(e.message());
                default -> { }
            }
        }
        return out.append(" (expected ").append(task.task().call().name()).append(' ')
                .append(Json.write(task.task().call().arguments())).append(", answer containing \"")
                .append(task.answer().mustContain()).append("\")").toString().replace('\n', ' ');
    }

    /** A fixed-width table: one row per agent and a total row; strict columns after the lenient ones. */
    static String table(List<Tally> tallies) {
        String header = "%-11s %6s %17s %15s %15s %15s%n";
        String row = "%-11s %6d %16.1f%% %14.1f%% %14.1f%% %14.1f%%%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, header, "agent", "tasks",
                "well-formed call", "correct answer", "right args", "strict correct"));
        List<Tally> rows = new ArrayList<>(tallies);
        rows.add(total(tallies));
        for (Tally t : rows) {
            out.append(String.format(Locale.ROOT, row, t.agent(), t.tasks(), t.wellFormedPercent(),
                    t.correctPercent(), t.rightArgumentsPercent(), t.strictCorrectPercent()));
        }
        return out.toString();
    }

    /** One JSON object: the model file, the seed, per-agent counts and percentages, and the total task count. */
    String json(Path file, List<Tally> tallies) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", file.getFileName().toString()).put("set", set.label).put("seed", seed);
        if (perAgent != null) {
            root.put("per_agent", perAgent);
        }
        root.put("constrained_calls", constrainedCalls);
        ArrayNode rows = root.putArray("agents");
        for (Tally t : tallies) {
            rows.addObject().put("agent", t.agent()).put("tasks", t.tasks()).put("well_formed", t.wellFormed())
                    .put("correct", t.correct()).put("well_formed_pct", round(t.wellFormedPercent()))
                    .put("correct_pct", round(t.correctPercent())).put("right_arguments", t.rightArguments())
                    .put("strict_correct", t.strictCorrect())
                    .put("right_arguments_pct", round(t.rightArgumentsPercent()))
                    .put("strict_correct_pct", round(t.strictCorrectPercent()));
        }
        root.put("tasks", total(tallies).tasks());
        return Json.write(root);
    }

    private static Tally total(List<Tally> tallies) {
        return tallies.stream().reduce(new Tally("total", 0, 0, 0, 0, 0), Tally::plus);
    }

    private static double round(double percent) {
        return Math.round(percent * 10) / 10.0;
    }
}
