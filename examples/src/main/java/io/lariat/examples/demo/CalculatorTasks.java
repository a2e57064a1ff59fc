package io.lariat.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.prompts.parse.BuiltinToolCall;
import io.lariat.tools.BuiltinTools;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Calculator tasks: an arithmetic question, the {@code wolfram_alpha} call that copies its expression, and an
 * answer that copies the calculator's result.
 */
final class CalculatorTasks implements TaskSource {

    private static final Phrasebook ENGLISH = new Phrasebook(
            List.of("", "Hi, ", "Hello! ", "Hey, ", "Quick question: ", "Math question: ", "OK, ", "So, ",
                    "Excuse me, ", "Hi there. ", "Calculator: ", "One more: "),
            List.of("What is %s?", "What's %s?", "Calculate %s.", "Compute %s.", "How much is %s?", "Work out %s.",
                    "Evaluate %s.", "Solve %s.", "%s = ?", "I need the value of %s.", "What does %s come to?",
                    "Tell me what %s equals.", "Find the value of %s.", "What do you get for %s?", "Figure out %s.",
                    "Can you calculate %s?", "Could you compute %s?", "What is the result of %s?", "Give me %s.",
                    "%s?", "Please calculate %s.", "What does %s equal?", "Can you work out %s for me?",
                    "I want to know %s.", "Help me compute %s."),
            List.of("", " Thanks!", " Thank you.", " Please.", " Cheers.", " I need it quickly.", " Thanks a lot.",
                    " Exact value please."),
            true);
    private static final Phrasebook CHINESE = new Phrasebook(
            List.of("", "你好，", "请问，", "麻烦你，", "问一下："),
            List.of("%s 等于多少？", "请计算 %s。", "帮我算一下 %s", "%s 的结果是多少？", "%s 是多少？", "计算一下 %s。",
                    "算一下 %s 等于几？", "%s = ?"),
            List.of("", "谢谢！", "谢谢。", "请尽快。"),
            false);
    private static final List<String> OPERATORS = List.of("+", "-", "*", "/");
    /** Ways to write each operator; the calculator reads them all, and the call copies the user's text. */
    private static final java.util.Map<String, List<String>> OPERATOR_FORMS = java.util.Map.of(
            "+", List.of(" + ", "+", " plus "), "-", List.of(" - ", "-", " minus "),
            "*", List.of(" * ", "*", " times ", " × ", " multiplied by "),
            "/", List.of(" / ", "/", " divided by ", " ÷ "));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public DemoTask next(SplittableRandom random, Phrasing phrasing) {
        String expression = expression(random);
        boolean chinese = random.nextInt(100) < 15;
        String question = (chinese ? CHINESE : ENGLISH).compose(random, phrasing, expression);
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("query", expression);
        return new DemoTask(DemoAgent.CALCULATOR, question, new BuiltinToolCall(BuiltinTools.CALCULATOR, args),
                output -> answer(expression, output, chinese));
    }

    /** States the calculator's result: exact values with "=", fractions with their decimal, approximations with "≈". */
    static DemoTask.Answer answer(String expression, String output, boolean chinese) {
        JsonNode result = parse(output);
        String end = chinese ? "。" : ".";
        String prefix = chinese ? "结果：" : "";
        if (result == null || !result.hasNonNull("result")) {
            String text = chinese ? "抱歉，计算器无法计算 " + expression + "。"
                    : "Sorry, the calculator could not evaluate " + expression + ".";
            return new DemoTask.Answer(text, expression);
        }
        String value = result.get("result").asText();
        if (result.hasNonNull("decimal")) {
            String decimal = result.get("decimal").asText();
            return new DemoTask.Answer(prefix + expression + " = " + value + " ≈ " + decimal + end, decimal);
        }
        String relation = result.path("exact").asBoolean(true) ? " = " : " ≈ ";
        return new DemoTask.Answer(prefix + expression + relation + value + end, value);
    }

    private static JsonNode parse(String output) {
        try {
            JsonNode node = JSON.readTree(output);
            return node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String expression(SplittableRandom r) {
        int kind = r.nextInt(100);
        if (kind < 55) {
            return binary(r);
        }
        if (kind < 70) {
            long a = TaskSource.number(r, 3);
            long b = TaskSource.number(r, 3);
            long c = TaskSource.number(r, 2);
            return switch (r.nextInt(3)) {
                case 0 -> "(" + a + " + " + b + ") * " + c;
                case 1 -> a + " * " + b + " + " + c;
                default -> a + " + " + b + " - " + c;
            };
        }
        if (kind < 78) {
            return (2 + r.nextInt(19)) + "^" + (2 + r.nextInt(4));
        }
        if (kind < 86) {
            long n = 2 + r.nextInt(199);
            long square = r.nextInt(5) == 0 ? 2 + r.nextInt(999) : n * n;
            return r.nextBoolean() ? "sqrt(" + square + ")" : "the square root of " + square;
        }
        if (kind < 95) {
            return (1 + r.nextInt(99)) + "% of " + TaskSource.number(r, 4);
        }
        return (2 + r.nextInt(99)) + " squared";
    }

    private static String binary(SplittableRandom r) {
        String op = TaskSource.pick(r, OPERATORS);
        long a = TaskSource.number(r, 4);
        long b = TaskSource.number(r, 4);
        if (op.equals("/")) {
            b = 2 + r.nextInt(98);
            a = r.nextInt(4) == 0 ? TaskSource.number(r, 4) : b * TaskSource.number(r, 3);
        }
        List<String> forms = OPERATOR_FORMS.get(op);
        String form = r.nextInt(100) < 60 ? forms.getFirst() : TaskSource.pick(r, forms);
        return a + form + b;
    }
}
