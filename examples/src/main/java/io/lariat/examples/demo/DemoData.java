package io.lariat.examples.demo;

import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.Message;
import io.lariat.prompts.SystemMessage;
import io.lariat.prompts.ToolResultMessage;
import io.lariat.prompts.UserMessage;
import io.lariat.prompts.parse.CustomToolCall;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the demo model's conversations: tasks from each agent's templates, tool results from really running
 * the tools, and answers written from those results.
 *
 * <p>Deterministic: the same seed, counts and phrasing give the same conversations. Training and held-out sets
 * use different seeds and disjoint question templates.
 */
public final class DemoData {

    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 4 * 365;

    private final ToolRunner tools;
    private final Map<DemoAgent, TaskSource> sources;

    /** A generator running tools through {@code tools}, for the agents whose task sources are given. */
    DemoData(ToolRunner tools, Map<DemoAgent, TaskSource> sources) {
        this.tools = tools;
        this.sources = Map.copyOf(sources);
    }

    /** A generator for all four demo agents. */
    public static DemoData standard(ToolRunner tools) {
        return new DemoData(tools, Map.of(DemoAgent.CALCULATOR, new CalculatorTasks(),
                DemoAgent.RESEARCHER, new ResearcherTasks(), DemoAgent.CONCIERGE, new ConciergeTasks(),
                DemoAgent.ANALYST, new AnalystTasks()));
    }

    /** The agents this generator covers. */
    public List<DemoAgent> agents() {
        return sources.keySet().stream().sorted().toList();
    }

    /** {@code count} conversations for one agent. */
    public List<DemoConversation> generate(DemoAgent agent, int count, long seed, Phrasing phrasing) {
        TaskSource source = sources.get(agent);
        if (source == null) {
            throw new IllegalArgumentException("no task source for agent " + agent.agentName());
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + agent.ordinal());
        List<DemoConversation> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LocalDate today = FIRST_DAY.plusDays(random.nextInt(DAYS));
            out.add(conversation(next(source, random, phrasing), today));
        }
        return out;
    }

    /**
     * Conversations for given tasks (the natural-phrasing set): each task's call really run, dates drawn from
     * {@code seed}.
     */
    public List<DemoConversation> conversations(List<DemoTask> tasks, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DemoConversation> out = new ArrayList<>(tasks.size());
        for (DemoTask task : tasks) {
            out.add(conversation(task, FIRST_DAY.plusDays(random.nextInt(DAYS))));
        }
        return out;
    }

    /** The questions {@link #generate} would ask, without running any tool (draws the same random values). */
    List<String> questions(DemoAgent agent, int count, long seed, Phrasing phrasing) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + agent.ordinal());
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            random.nextInt(DAYS);
            out.add(next(sources.get(agent), random, phrasing).question());
        }
        return out;
    }

    /** The source's next task; training skips any question of the frozen evaluation sets ({@link EvalSet}), which it must never see. */
    private static DemoTask next(TaskSource source, SplittableRandom random, Phrasing phrasing) {
        while (true) {
            DemoTask task = source.next(random, phrasing);
            if (phrasing != Phrasing.TRAINING || !EvalSet.questions().contains(EvalSet.normalised(task.question()))) {
                return task;
            }
        }
    }

    /** Runs the task's call and assembles the five messages. */
    DemoConversation conversation(DemoTask task, LocalDate today) {
        String output = tools.run(task.call());
        DemoTask.Answer answer = task.answerer().answer(output);
        AssistantMessage call = task.call() instanceof CustomToolCall
                ? new AssistantMessage(null, List.of(task.call()), null, AssistantMessage.End.EOT)
                : AssistantMessage.calls(List.of(task.call()));
        List<Message> messages = List.of(new SystemMessage(task.agent().systemPrompt()),
                new UserMessage(task.question()), call,
                new ToolResultMessage("call-1", task.call().name(), output), AssistantMessage.text(answer.text()));
        return new DemoConversation(task, today, messages, answer);
    }
}
