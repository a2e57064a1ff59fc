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
                    "Excuse me, ", "Hi there. ", "Calculator: ", "One more: ", "hey ", "ok so ", "quick one: ",
                    "um, ", "Need a number: ", "yo ", "pls ", "Hmm, ", "Another one: ", "Homework help: "),
            List.of("What is %s?", "What's %s?", "Calculate %s.", "Compute %s.", "How much is %s?", "Work out %s.",
                    "Evaluate %s.", "Solve %s.", "%s = ?", "I need the value of %s.", "What does %s come to?",
                    "Tell me what %s equals.", "Find the value of %s.", "What do you get for %s?", "Figure out %s.",
                    "Can you calculate %s?", "Could you compute %s?", "What is the result of %s?", "Give me %s.",
                    "%s?", "Please calculate %s.", "What does %s equal?", "Can you work out %s for me?",
                    "I want to know %s.", "Help me compute %s.", "%s", "%s is what?", "Tell me %s.", "What's %s equal to?",
                    "%s equals?", "Do %s for me.", "Gimme %s.", "How much does %s make?", "Quickly, %s?",
                    "Any idea what %s is?", "Calc %s.", "What would %s be?", "Result of %s?", "%s =",
                    "I'm stuck on %s.", "Can u do %s?", "What's the answer to %s?"),
            List.of("", " Thanks!", " Thank you.", " Please.", " Cheers.", " I need it quickly.", " Thanks a lot.",
                    " Exact value please.", " pls", " thx", " please", "??", " asap", " for my homework",
                    " real quick"),
            true);
    /** Frames for commands ("multiply 36 by 14", "double 64"): the expression is itself the request. */
    private static final Phrasebook COMMAND = new Phrasebook(
            List.of("", "Hi, ", "Hey, ", "OK, ", "Quick one: ", "hey ", "ok so ", "Please ", "Calculator: ",
                    "So, ", "pls "),
            List.of("%s.", "%s", "Can you %s?", "Could you %s for me?", "Please %s.", "Can you %s for me?",
                    "I need you to %s.", "Help me %s.", "%s and tell me the result.", "Quickly %s.", "Try to %s.",
                    "Would you %s?"),
            List.of("", " Thanks!", " Please.", " pls", " thanks", " for me", " real quick", " Cheers."),
            true);
    private static final Phrasebook CHINESE = new Phrasebook(
            List.of("", "你好，", "请问，", "麻烦你，", "问一下：", "帮个忙，"),
            List.of("%s 等于多少？", "请计算 %s。", "帮我算一下 %s", "%s 的结果是多少？", "%s 是多少？", "计算一下 %s。",
                    "算一下 %s 等于几？", "%s = ?", "%s等于多少", "%s是多少", "%s", "%s？", "请计算%s", "算算%s",
                    "%s等于几", "求%s"),
            List.of("", "谢谢！", "谢谢。", "请尽快。", "谢谢"),
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
        boolean chinese = random.nextInt(100) < 15;
        String expression;
        Phrasebook book;
        if (chinese) {
            expression = random.nextInt(10) < 7 ? chineseExpression(random) : expression(random);
            book = CHINESE;
        } else if (random.nextInt(100) < 14) {
            expression = command(random);
            book = COMMAND;
        } else {
            expression = expression(random);
            book = ENGLISH;
        }
        String question = book.compose(random, phrasing, spoken(random, expression));
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("query", expression);
        return new DemoTask(DemoAgent.CALCULATOR, question, new BuiltinToolCall(BuiltinTools.CALCULATOR, args),
                output -> answer(expression, output, chinese));
    }

    /** Phrases a user may put "the" before; the call copies the phrase without it ("sum of 12, 18 and 30"). */
    private static final java.util.regex.Pattern NOUN_PHRASE = java.util.regex.Pattern.compile(
            "^(?:square root|cube root|sum|product|average|mean|difference|quotient|total|square|cube) (?:of|between) .*");

    /** The expression as the user says it: "the square root of 2025" about half the time for a noun phrase. */
    static String spoken(SplittableRandom r, String expression) {
        return NOUN_PHRASE.matcher(expression).matches() && r.nextBoolean() ? "the " + expression : expression;
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
        if (kind < 32) {
            return binary(r);
        }
        if (kind < 40) {
            String op = TaskSource.pick(r, OPERATORS);
            return decimal(r) + TaskSource.pick(r, OPERATOR_FORMS.get(op)) + (r.nextBoolean() ? decimal(r)
                    : Long.toString(TaskSource.number(r, 2)));
        }
        if (kind < 45) {
            return chain(r);
        }
        if (kind < 50) {
            long a = TaskSource.number(r, 3);
            long b = TaskSource.number(r, 3);
            long c = TaskSource.number(r, 2);
            return switch (r.nextInt(6)) {
                case 0 -> "(" + a + " + " + b + ") * " + c;
                case 1 -> a + " * " + b + " + " + c;
                case 2 -> a + " + " + b + " - " + c;
                case 3 -> a + TaskSource.pick(r, List.of(" + ", " plus ")) + b
                        + TaskSource.pick(r, List.of(" + ", " plus ")) + c;
                case 4 -> a + " minus " + b + " plus " + c;
                default -> c + TaskSource.pick(r, List.of(" times ", " * ")) + (2 + r.nextInt(60))
                        + TaskSource.pick(r, List.of(" times ", " * ")) + (2 + r.nextInt(30));
            };
        }
        if (kind < 58) {
            int base = 2 + r.nextInt(19);
            int exponent = 2 + r.nextInt(r.nextInt(4) == 0 ? 19 : 6);
            return switch (r.nextInt(5)) {
                case 0, 1 -> base + "^" + exponent;
                case 2 -> base + " to the power of " + exponent;
                case 3 -> base + " to the " + exponent + ordinalSuffix(exponent) + " power";
                default -> base + " raised to " + exponent;
            };
        }
        if (kind < 66) {
            long n = 2 + r.nextInt(199);
            long square = r.nextInt(5) == 0 ? 2 + r.nextInt(999) : n * n;
            String value = r.nextInt(8) == 0 ? java.math.BigDecimal.valueOf((n % 20 + 1) * (n % 20 + 1), 2)
                    .stripTrailingZeros().toPlainString() : Long.toString(square);
            return switch (r.nextInt(7)) {
                case 0 -> "sqrt(" + value + ")";
                case 1 -> "sqrt of " + value;
                case 2, 3 -> "square root of " + value;
                case 4 -> "square root of " + (2 + r.nextInt(200)) + " to " + (2 + r.nextInt(12)) + " digits";
                default -> "cube root of " + cube(r);
            };
        }
        if (kind < 71) {
            int n = 2 + r.nextInt(19);
            return r.nextInt(4) == 0 ? n + "!" : n + " factorial";
        }
        if (kind < 79) {
            String percent = r.nextInt(5) == 0 ? (1 + r.nextInt(40)) + ".5" : Integer.toString(1 + r.nextInt(99));
            return percent + (r.nextBoolean() ? "% of " : " percent of ") + TaskSource.number(r, 4);
        }
        if (kind < 85) {
            long n = 2 + r.nextInt(99);
            return n + TaskSource.pick(r, List.of(" squared", " squared", " cubed"));
        }
        if (kind < 93) {
            if (r.nextInt(6) == 0) {
                long a = TaskSource.number(r, 3);
                long b = TaskSource.number(r, 3);
                return (r.nextBoolean() ? "difference between " : "quotient of ") + Math.max(a, b) + " and "
                        + Math.min(a, b);
            }
            return TaskSource.pick(r, List.of("product of ", "sum of ", "sum of ", "average of ", "mean of ",
                    "total of ")) + list(r, 2 + r.nextInt(5));
        }
        if (kind < 95) {
            long n = 2 * TaskSource.number(r, 3);
            return TaskSource.pick(r, List.of("half of ", "a quarter of ", "a third of ", "twice ")) + (n * 3);
        }
        if (kind < 97) {
            return TaskSource.pick(r, List.of("pi", "pi", "e")) + " to " + (2 + r.nextInt(30)) + " digits";
        }
        return switch (r.nextInt(3)) {
            case 0 -> TaskSource.number(r, 2) + " x " + TaskSource.number(r, 3);
            case 1 -> (1 + r.nextInt(9)) + "," + String.format("%03d", r.nextInt(1000)) + " + " + TaskSource.number(r, 3);
            default -> (1 + r.nextInt(3)) + "/4 times " + TaskSource.number(r, 3);
        };
    }

    /**
     * A chain of two or three operations over terms that may themselves be phrases: "15 squared plus 20 squared",
     * "6 factorial divided by 2", "1.5 plus 2.75 plus 3", "100 minus 37 times 2".
     */
    static String chain(SplittableRandom r) {
        int operations = 2 + (r.nextInt(3) == 0 ? 1 : 0);
        boolean words = r.nextInt(3) > 0;
        StringBuilder out = new StringBuilder(term(r));
        for (int i = 0; i < operations; i++) {
            String op = TaskSource.pick(r, OPERATORS);
            List<String> forms = OPERATOR_FORMS.get(op);
            out.append(words ? forms.get(forms.size() > 4 && r.nextBoolean() ? 4 : 2) : forms.get(r.nextInt(2)))
                    .append(term(r));
        }
        return out.toString();
    }

    /** One operand of a chain: a number, a decimal, or "12 squared", "5 cubed", "6 factorial". */
    private static String term(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> (2 + r.nextInt(40)) + " squared";
            case 1 -> (2 + r.nextInt(12)) + " cubed";
            case 2 -> (2 + r.nextInt(9)) + " factorial";
            case 3, 4 -> decimal(r);
            default -> Long.toString(TaskSource.number(r, 3));
        };
    }

    /** An operation stated as a request: "multiply 36 by 14", "add 7 to 35", "double 64". */
    private static String command(SplittableRandom r) {
        long a = TaskSource.number(r, 3);
        long b = TaskSource.number(r, 3);
        return switch (r.nextInt(9)) {
            case 0, 1 -> "multiply " + a + TaskSource.pick(r, List.of(" by ", " by ", " and ")) + b;
            case 2 -> "add " + a + " to " + b;
            case 3 -> "add " + list(r, 2 + r.nextInt(5));
            case 4 -> "subtract " + Math.min(a, b) + " from " + Math.max(a, b);
            case 5 -> "take " + Math.min(a, b) + " away from " + Math.max(a, b);
            case 6 -> "divide " + a * (2 + r.nextInt(20)) + " by " + a;
            case 7 -> "double " + a;
            default -> "triple " + a;
        };
    }

    /** Chinese arithmetic ("36乘以14", "3的7次方", "450的百分之8"), with or without spaces around the numbers. */
    private static String chineseExpression(SplittableRandom r) {
        long a = TaskSource.number(r, 3);
        long b = TaskSource.number(r, 3);
        String sp = r.nextBoolean() ? "" : " ";
        return switch (r.nextInt(10)) {
            case 0 -> a + sp + "乘以" + sp + b;
            case 1 -> a + sp + TaskSource.pick(r, List.of("加", "加上")) + sp + b
                    + (r.nextBoolean() ? sp + "加" + sp + TaskSource.number(r, 3) : "");
            case 2 -> Math.max(a, b) + sp + TaskSource.pick(r, List.of("减", "减去")) + sp + Math.min(a, b);
            case 3 -> a * (2 + r.nextInt(20)) + sp + "除以" + sp + a;
            case 4 -> (2 + r.nextInt(15)) + "的" + (2 + r.nextInt(8)) + "次方";
            case 5 -> TaskSource.number(r, 4) + "的百分之" + (1 + r.nextInt(99));
            case 6 -> cube(r) + "的立方根";
            case 7 -> (long) Math.pow(2 + r.nextInt(60), 2) + "的平方根";
            case 8 -> (2 + r.nextInt(15)) + "的阶乘";
            default -> (2 + r.nextInt(99)) + "的平方";
        };
    }

    private static long cube(SplittableRandom r) {
        long n = 2 + r.nextInt(20);
        return n * n * n;
    }

    private static String ordinalSuffix(int n) {
        return n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /** A decimal operand such as 3.75 or 0.5. */
    private static String decimal(SplittableRandom r) {
        String fraction = r.nextBoolean() ? Integer.toString(1 + r.nextInt(9)) : String.format("%02d", 1 + r.nextInt(99));
        return r.nextInt(20) + "." + (fraction.endsWith("0") ? fraction.charAt(0) + "" : fraction);
    }

    /** "4, 8 and 15", "4, 8, and 15" or "4 and 8". */
    private static String list(SplittableRandom r, int count) {
        StringBuilder out = new StringBuilder();
        boolean oxford = r.nextInt(4) == 0;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(i < count - 1 ? ", " : count > 2 && oxford ? ", and " : " and ");
            }
            out.append(TaskSource.number(r, 3));
        }
        return out.toString();
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
