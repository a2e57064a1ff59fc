package io.lariat.tools.builtin.calculator;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites arithmetic as people type it, in English and Chinese, into the expression syntax: "multiply 36 by 14",
 * "add 250, 375 and 125", "the average of 3, 5 and 10", "subtract 45 from 100", "3的7次方", "450的百分之8".
 *
 * <p>Why here: a small model copies the user's phrase into the call far more reliably than it paraphrases it into
 * an expression, so the tool does the understanding. Each verb form must match the whole (lower-cased) query;
 * operands are wrapped in parentheses so that the word rules of {@link QueryForms} still apply inside them.
 * Stateless.
 */
final class NaturalPhrases {

    /** A list of operands: "a, b and c", "a, b, and c", "a and b". Thousands separators have no space after them. */
    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*,\\s+(?:and\\s+)?|\\s*,\\s*and\\s+|\\s+and\\s+"
            + "|\\s*[,，、]\\s*");

    /** One verb form: the pattern of the whole query and how its groups become an expression. */
    private record Form(Pattern pattern, Function<Matcher, String> expression) {
        Form(String regex, Function<Matcher, String> expression) {
            this(Pattern.compile(regex), expression);
        }
    }

    private static final List<Form> ENGLISH = List.of(
            new Form("(?:add|sum|total)\\s+(.+?)\\s+to\\s+(.+)", m -> join(List.of(m.group(1), m.group(2)), "+")),
            new Form("(?:add|sum|total)(?:\\s+up)?\\s+(?!of\\b)(.+?)(?:\\s+together)?", m -> list(m.group(1), "+")),
            new Form("(?:the\\s+)?(?:sum|total)\\s+of\\s+(.+)", m -> list(m.group(1), "+")),
            new Form("multiply\\s+(.+?)\\s+(?:by|and|with|times)\\s+(.+)", m -> binary(m, "*")),
            new Form("multiply\\s+(.+)", m -> list(m.group(1), "*")),
            new Form("(?:the\\s+)?product\\s+of\\s+(.+)", m -> list(m.group(1), "*")),
            new Form("(?:subtract|deduct)\\s+(.+?)\\s+from\\s+(.+)", m -> swapped(m, "-")),
            new Form("take\\s+(?:away\\s+)?(.+?)\\s+(?:away\\s+)?from\\s+(.+)", m -> swapped(m, "-")),
            new Form("divide\\s+(.+?)\\s+by\\s+(.+)", m -> binary(m, "/")),
            new Form("(?:the\\s+)?(?:difference)\\s+(?:between|of)\\s+(.+?)\\s+and\\s+(.+)", m -> binary(m, "-")),
            new Form("(?:the\\s+)?(?:quotient)\\s+of\\s+(.+?)\\s+(?:and|by)\\s+(.+)", m -> binary(m, "/")),
            new Form("(?:the\\s+)?(?:arithmetic\\s+)?(?:average|mean)\\s+(?:value\\s+)?of\\s+(.+)", m -> average(m.group(1))),
            new Form("(?:average|mean)\\s+(.+)", m -> average(m.group(1))),
            new Form("half\\s+of\\s+(.+)", m -> "(" + m.group(1) + ") / 2"),
            new Form("(?:a\\s+)?(?:third)\\s+of\\s+(.+)", m -> "(" + m.group(1) + ") / 3"),
            new Form("(?:a\\s+)?(?:quarter)\\s+of\\s+(.+)", m -> "(" + m.group(1) + ") / 4"),
            new Form("(?:double|twice)\\s+(.+)", m -> "2 * (" + m.group(1) + ")"),
            new Form("triple\\s+(.+)", m -> "3 * (" + m.group(1) + ")"));

    /** Chinese forms, rewritten in place, in order (longer words first). */
    private static final List<String[]> CHINESE = List.of(
            new String[] {"([\\d.]+)的([\\d.]+)次方", "($1)^($2)"},
            new String[] {"([\\d.]+)的([\\d.]+)次幂", "($1)^($2)"},
            new String[] {"([\\d.]+)的平方根", "sqrt($1)"},
            new String[] {"([\\d.]+)的立方根", "cbrt($1)"},
            new String[] {"([\\d.]+)的平方", "($1)^2"},
            new String[] {"([\\d.]+)的立方", "($1)^3"},
            new String[] {"([\\d.]+)的阶乘", "($1)!"},
            new String[] {"([\\d.]+)的百分之([\\d.]+)", "$2% * $1"},
            new String[] {"([\\d.]+)的([\\d.]+)%", "$2% * $1"},
            new String[] {"百分之([\\d.]+)", "$1%"},
            new String[] {"平方根", " sqrt "},
            new String[] {"乘以|乘", "*"},
            new String[] {"除以", "/"},
            new String[] {"加上|加", "+"},
            new String[] {"减去|减", "-"});

    private static final Pattern CHINESE_LEAD = Pattern.compile("^(?:请)?(?:帮我)?(?:计算|算一下|算算|求)\\s*");
    private static final Pattern CHINESE_TAIL = Pattern.compile("\\s*(?:等于|是)?(?:多少|几)(?:呢|啊)?$|\\s*=\\s*$");
    private static final Pattern TIMES_X = Pattern.compile("(?<=[\\d)])\\s*x\\s*(?=[\\d(])");

    private NaturalPhrases() {
    }

    /** The expression that {@code text} (lower-cased, its lead words already removed) means, or {@code text}. */
    static String rewrite(String text) {
        String plain = chinese(text.replace('？', '?').replace('（', '(').replace('）', ')').replace('＋', '+')
                .replaceAll("[?。！]+$", "").strip());
        plain = TIMES_X.matcher(plain).replaceAll(" * ");
        for (Form form : ENGLISH) {
            Matcher m = form.pattern().matcher(plain);
            if (m.matches()) {
                return form.expression().apply(m);
            }
        }
        return plain;
    }

    private static String chinese(String text) {
        String result = CHINESE_TAIL.matcher(CHINESE_LEAD.matcher(text).replaceFirst("")).replaceFirst("");
        if (result.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            return text;
        }
        for (String[] rule : CHINESE) {
            result = result.replaceAll(rule[0], rule[1]);
        }
        return result.strip();
    }

    private static String binary(Matcher m, String operator) {
        return join(List.of(m.group(1), m.group(2)), operator);
    }

    private static String swapped(Matcher m, String operator) {
        return join(List.of(m.group(2), m.group(1)), operator);
    }

    private static String list(String operands, String operator) {
        return join(List.of(LIST_SEPARATOR.split(operands.strip())), operator);
    }

    private static String average(String operands) {
        List<String> items = List.of(LIST_SEPARATOR.split(operands.strip()));
        return "(" + join(items, "+") + ") / " + items.size();
    }

    private static String join(List<String> operands, String operator) {
        return operands.stream().map(String::strip).map(o -> "(" + o + ")")
                .collect(Collectors.joining(" " + operator + " "));
    }
}
