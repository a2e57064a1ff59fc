package io.lariat.examples.demo;

import io.lariat.prompts.parse.CodeInterpreterCall;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Analyst tasks: a question about a list of numbers or two dates, the short Python program that answers it (run
 * by {@code code_interpreter}), and an answer that copies the program's output.
 *
 * <p>Questions are composed by {@link Phrasebook}s: shared openers and closers around each kind's frames, so
 * held-out questions recombine trained words (average, sum, largest...) in orders never trained on.
 */
final class AnalystTasks implements TaskSource {

    /** One kind of question: its frames, its program and the answer's wording. */
    private record Kind(Phrasebook english, Phrasebook chinese, String code, String answerEn, String answerZh) {
    }

    private static final List<String> OPENERS = List.of("", "Hi, ", "Hello! ", "Quick question: ", "Data question: ",
            "OK, ", "So, ", "Hey, ", "Using Python, ", "hey ", "ok so ", "pls ", "um ", "With python, ",
            "Quick one: ");
    private static final List<String> CLOSERS = List.of("", " Thanks!", " Thank you.", " Please.",
            " Use Python.", " I need it quickly.", " (use python)", " with python", " pls", " thx", " please",
            " in python", "??");
    private static final List<String> OPENERS_ZH = List.of("", "你好，", "请问，", "用 Python 算一下：", "帮我算：");
    private static final List<String> CLOSERS_ZH = List.of("", "谢谢！", "谢谢。", "谢谢");

    private static final List<Kind> LIST_KINDS = List.of(
            kind(List.of("What is the average of %s?", "Compute the mean of %s.", "Find the average of %s.",
                            "I have the numbers %s. What is their average?", "What's the mean of %s?",
                            "Calculate the average of %s.", "Average of %s?", "Tell me the mean of %s.",
                            "avg of %s", "Mean of these: %s", "What's the avg of %s?", "What is the mean value of %s?",
                            "Average these numbers: %s", "%s - what's the average?", "Get me the mean of %s.",
                            "The average of %s, please.",
                            "What's the average %2$s of %1$s?", "average %2$s of %1$s",
                            "My %2$ss were %1$s, what's my average?", "I got %1$s on my %2$ss, whats the average",
                            "The %2$ss are %1$s. What's the mean?"),
                    List.of("%s 的平均值是多少？", "计算 %s 的平均值。", "求 %s 的平均数。", "%s 的平均值", "%s的平均数是多少"),
                    "print(sum(numbers) / len(numbers))", "The average is %s.", "平均值是 %s。"),
            kind(List.of("What is the sum of %s?", "Add up %s.", "Find the sum of %s.", "What is the total of %s?",
                            "I have the numbers %s. What is their sum?", "Calculate the total of %s.",
                            "Sum of %s?", "Tell me the sum of %s.", "Sum up %s.", "Add all of these: %s",
                            "What do %s add up to?", "How much is %s altogether?", "Total of these: %s",
                            "Add together %s.", "What's %s all added up?", "Give me the total of %s.",
                            "My %2$ss were %1$s, how much in total?", "total %2$s of %1$s",
                            "The %2$ss are %1$s, what do they add up to?", "I spent %1$s, how much is that in total?"),
                    List.of("%s 的总和是多少？", "计算 %s 的总和。", "求 %s 的和。", "%s 加起来是多少", "%s 的和"),
                    "print(sum(numbers))", "The sum is %s.", "总和是 %s。"),
            kind(List.of("What is the largest of %s?", "Find the maximum of %s.", "Which is the largest of %s?",
                            "Among %s, what is the largest?", "What's the maximum of %s?", "Largest of %s?",
                            "Tell me the largest number in %s.", "Biggest number in %s?", "Max of %s?",
                            "Find the largest of %s.", "Of %s, which is biggest?", "Which of %s is the highest?",
                            "What's the biggest of %s?", "Highest value in %s?", "Pick the largest: %s",
                            "highest %2$s in %1$s?", "The %2$ss are %1$s. Which is the highest?",
                            "the top %2$s among %1$s", "My %2$ss were %1$s, what was the best one?"),
                    List.of("%s 中最大的数是多少？", "找出 %s 中的最大值。", "%s 里最大的是哪个", "%s 中最大的数"),
                    "print(max(numbers))", "The largest is %s.", "最大的数是 %s。"),
            kind(List.of("What is the smallest of %s?", "Find the minimum of %s.", "Which is the smallest of %s?",
                            "Among %s, what is the smallest?", "What's the minimum of %s?", "Smallest of %s?",
                            "Tell me the smallest number in %s.", "Min of %s?", "Smallest number in %s?",
                            "The least of %s?", "Of %s, which is lowest?", "Lowest value in %s?",
                            "Which of %s is the smallest?", "Pick the smallest: %s",
                            "lowest %2$s among %1$s", "cheapest %2$s in %1$s", "The %2$ss are %1$s. Which is the lowest?",
                            "My %2$ss were %1$s, what was the lowest?"),
                    List.of("%s 中最小的数是多少？", "找出 %s 中的最小值。", "%s 里最小的是哪个", "%s 中最小的数"),
                    "print(min(numbers))", "The smallest is %s.", "最小的数是 %s。"),
            kind(List.of("What is the median of %s?", "Find the median of %s.", "Compute the median of %s.",
                            "I have the numbers %s. What is the median?", "Median of %s?",
                            "Tell me the median of %s.", "The median of %s?", "Find the middle value of %s.",
                            "What's the median of %s?", "Middle value of %s?", "Median for %s please.",
                            "median %2$s of %1$s", "The %2$ss are %1$s. What's the median?",
                            "what is the median %2$s in %1$s"),
                    List.of("%s 的中位数是多少？", "求 %s 的中位数。", "%s 的中位数"),
                    "import statistics\nprint(statistics.median(numbers))", "The median is %s.", "中位数是 %s。"),
            kind(List.of("Sort %s in ascending order.", "Put %s in order from smallest to largest.",
                            "Please sort %s in ascending order.", "Sort %s.", "Can you sort %s from smallest to largest?",
                            "Order %s from smallest to largest.", "Order these from low to high: %s",
                            "Arrange %s ascending.", "Smallest to largest: %s", "Rank %s from lowest to highest.",
                            "Sort these: %s", "Put %s in ascending order.", "Sort %s low to high.",
                            "sort the %2$ss %1$s", "The %2$ss are %1$s, sort them.",
                            "%1$s - sort these %2$ss from low to high"),
                    List.of("把 %s 从小到大排序。", "将 %s 排序。", "%s 从小到大排列", "排序：%s"),
                    "print(sorted(numbers))", "Sorted: %s.", "排序结果：%s。"),
            kind(List.of("How many even numbers are in %s?", "Count the even numbers in %s.",
                            "Tell me how many even numbers are in %s.", "How many of %s are even?",
                            "Count how many even numbers there are in %s.", "How many evens in %s?",
                            "Count the even ones in %s.", "Even count for %s?", "How many even numbers are there in %s?",
                            "Evens in %s?", "Number of even values in %s?",
                            "How many of the %2$ss %1$s are even?", "my %2$ss are %1$s, how many are even"),
                    List.of("%s 中有几个偶数？", "数一数 %s 中的偶数。", "%s 里有多少个偶数"),
                    "print(len([n for n in numbers if n % 2 == 0]))", "There are %s even numbers.", "偶数有 %s 个。"));
    /** What the numbers are, as people say it ("average temperature of 21, 24, 19"): the frames' second value. */
    private static final List<String> NOUNS = List.of("score", "price", "temperature", "age", "weight", "height",
            "grade", "cost", "speed", "rating", "salary", "time", "distance", "value", "sale", "reading", "bill",
            "payment", "result", "measurement");
    private static final Phrasebook DAYS = new Phrasebook(OPENERS, List.of(
            "How many days are there between %s and %s?", "Count the days from %s to %s.",
            "How many days from %s to %s?", "Tell me how many days are there between %s and %s.",
            "What is the number of days between %s and %s?", "Days between %s and %s?",
            "How long from %s to %s in days?", "Days from %s till %s?", "How many days separate %s and %s?",
            "Count the days between %s and %s.", "How many days is it from %s to %s?",
            "I started on %s and today is %s, how many days is that?", "Number of days from %s to %s?",
            "How many days between %s and %s?", "From %s to %s, how many days?",
            "How many days until %2$s from %1$s?", "How many days after %1$s is %2$s?",
            "How many days before %2$s is %1$s?"), CLOSERS, true);
    private static final Phrasebook DAYS_ZH = new Phrasebook(OPENERS_ZH, List.of("%s 和 %s 之间相差多少天？",
            "从 %s 到 %s 有多少天？", "%s 到 %s 相隔几天", "从%s到%s一共多少天"), CLOSERS_ZH, false);

    private static Kind kind(List<String> english, List<String> chinese, String code, String answerEn,
                             String answerZh) {
        return new Kind(new Phrasebook(OPENERS, english, CLOSERS, true),
                new Phrasebook(OPENERS_ZH, chinese, CLOSERS_ZH, false), code, answerEn, answerZh);
    }

    @Override
    public DemoTask next(SplittableRandom random, Phrasing phrasing) {
        return random.nextInt(8) == 0 ? days(random, phrasing) : numbers(random, phrasing);
    }

    private static DemoTask numbers(SplittableRandom r, Phrasing phrasing) {
        Kind kind = TaskSource.pick(r, LIST_KINDS);
        List<String> numbers = new ArrayList<>();
        int count = 3 + r.nextInt(r.nextInt(4) == 0 ? 7 : 5);
        boolean decimals = r.nextInt(10) == 0;
        for (int i = 0; i < count; i++) {
            numbers.add(decimals && r.nextBoolean() ? TaskSource.number(r, 2) + "." + (1 + r.nextInt(9))
                    : Long.toString(TaskSource.number(r, r.nextInt(6) == 0 ? 4 : 3)));
        }
        boolean chinese = r.nextInt(100) < 15;
        String list = chinese ? join(numbers, "、", "、") : englishList(r, numbers);
        String question = (chinese ? kind.chinese() : kind.english()).compose(r, phrasing, list,
                TaskSource.pick(r, NOUNS));
        String code = "numbers = " + numbers + "\n" + kind.code();
        return new DemoTask(DemoAgent.ANALYST, question, new CodeInterpreterCall(code),
                out -> answer(out, chinese ? kind.answerZh() : kind.answerEn()));
    }

    private static DemoTask days(SplittableRandom r, Phrasing phrasing) {
        LocalDate a = LocalDate.of(1990, 1, 1).plusDays(r.nextInt(45 * 365));
        LocalDate b = a.plusDays(1 + r.nextInt(900));
        boolean chinese = r.nextInt(100) < 15;
        String code = "from datetime import date\nprint((date(" + b.getYear() + ", " + b.getMonthValue() + ", "
                + b.getDayOfMonth() + ") - date(" + a.getYear() + ", " + a.getMonthValue() + ", "
                + a.getDayOfMonth() + ")).days)";
        return new DemoTask(DemoAgent.ANALYST, (chinese ? DAYS_ZH : DAYS).compose(r, phrasing, a, b),
                new CodeInterpreterCall(code),
                out -> answer(out, chinese ? "相差 %s 天。" : "There are %s days between them."));
    }

    /** Copies the program's standard output into the answer wording. */
    static DemoTask.Answer answer(String output, String wording) {
        int start = output.indexOf("[stdout]");
        int end = output.indexOf("[/stdout]");
        if (!output.startsWith("completed") || start < 0 || end < start) {
            return new DemoTask.Answer("Sorry, the program failed: " + output, output);
        }
        String value = output.substring(start + "[stdout]".length(), end).strip();
        return new DemoTask.Answer(String.format(wording, value), value);
    }

    /** "3, 5 and 9", "3, 5, 9" or "[3, 5, 9]": the program always reads the same Python list. */
    private static String englishList(SplittableRandom r, List<String> numbers) {
        return switch (r.nextInt(10)) {
            case 0, 1, 2 -> join(numbers, ", ", ", ");
            case 3 -> numbers.toString();
            case 4 -> join(numbers, " ", " ");
            case 5 -> join(numbers, ",", ",");
            case 6 -> join(numbers, ", ", ", and ");
            default -> join(numbers, ", ", " and ");
        };
    }

    private static String join(List<String> numbers, String separator, String last) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < numbers.size(); i++) {
            if (i > 0) {
                out.append(i == numbers.size() - 1 ? last : separator);
            }
            out.append(numbers.get(i));
        }
        return out.toString();
    }
}
