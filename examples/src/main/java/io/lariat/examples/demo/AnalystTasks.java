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
 * <p>Held-out questions put the task's key word (average, sum, largest...) in sentence frames never trained on: a
 * word the model never saw has an all-zero embedding, so a synonym could not be understood, only a new frame.
 */
final class AnalystTasks implements TaskSource {

    /** One kind of question: its templates (training, held-out), its program and the answer's wording. */
    private record Kind(List<String> training, List<String> heldOut, String code, String answerEn,
                        String answerZh) {
    }

    private static final List<Kind> LIST_KINDS = List.of(
            new Kind(List.of("What is the average of %s?", "Compute the mean of %s.", "%s 的平均值是多少？"),
                    List.of("I have the numbers %s. What is their average?"), "print(sum(numbers) / len(numbers))",
                    "The average is %s.", "平均值是 %s。"),
            new Kind(List.of("What is the sum of %s?", "Add up %s.", "%s 的总和是多少？"),
                    List.of("I have the numbers %s. What is their sum?"), "print(sum(numbers))", "The sum is %s.", "总和是 %s。"),
            new Kind(List.of("What is the largest of %s?", "Find the maximum of %s.", "%s 中最大的数是多少？"),
                    List.of("Among %s, what is the largest?"), "print(max(numbers))",
                    "The largest is %s.", "最大的数是 %s。"),
            new Kind(List.of("What is the smallest of %s?", "Find the minimum of %s."),
                    List.of("Among %s, what is the smallest?"), "print(min(numbers))",
                    "The smallest is %s.", "最小的数是 %s。"),
            new Kind(List.of("What is the median of %s?", "Find the median of %s.", "%s 的中位数是多少？"),
                    List.of("I have the numbers %s. What is the median?"),
                    "import statistics\nprint(statistics.median(numbers))", "The median is %s.", "中位数是 %s。"),
            new Kind(List.of("Sort %s in ascending order.", "Put %s in order from smallest to largest."),
                    List.of("Please sort %s in ascending order."), "print(sorted(numbers))", "Sorted: %s.", "排序结果：%s。"),
            new Kind(List.of("How many even numbers are in %s?", "Count the even numbers in %s."),
                    List.of("Tell me how many even numbers are in %s."), "print(len([n for n in numbers if n % 2 == 0]))",
                    "There are %s even numbers.", "偶数有 %s 个。"));
    private static final List<String> DAYS_TRAINING = List.of("How many days are there between %s and %s?",
            "Count the days from %s to %s.", "%s 和 %s 之间相差多少天？");
    private static final List<String> DAYS_HELD_OUT = List.of("Tell me how many days are there between %s and %s.");

    @Override
    public DemoTask next(SplittableRandom random, Phrasing phrasing) {
        return random.nextInt(8) == 0 ? days(random, phrasing) : numbers(random, phrasing);
    }

    private static DemoTask numbers(SplittableRandom r, Phrasing phrasing) {
        Kind kind = TaskSource.pick(r, LIST_KINDS);
        List<Long> numbers = new ArrayList<>();
        int count = 3 + r.nextInt(5);
        for (int i = 0; i < count; i++) {
            numbers.add(TaskSource.number(r, 3));
        }
        String template = TaskSource.pick(r, phrasing == Phrasing.TRAINING ? kind.training() : kind.heldOut());
        boolean chinese = ConciergeTasks.isChinese(template);
        String list = chinese ? join(numbers, "、", "、") : join(numbers, ", ", " and ");
        String code = "numbers = " + numbers + "\n" + kind.code();
        return new DemoTask(DemoAgent.ANALYST, String.format(template, list), new CodeInterpreterCall(code),
                out -> answer(out, chinese ? kind.answerZh() : kind.answerEn()));
    }

    private static DemoTask days(SplittableRandom r, Phrasing phrasing) {
        LocalDate a = LocalDate.of(2020, 1, 1).plusDays(r.nextInt(3000));
        LocalDate b = a.plusDays(1 + r.nextInt(900));
        String template = TaskSource.pick(r, phrasing == Phrasing.TRAINING ? DAYS_TRAINING : DAYS_HELD_OUT);
        boolean chinese = ConciergeTasks.isChinese(template);
        String code = "from datetime import date\nprint((date(" + b.getYear() + ", " + b.getMonthValue() + ", "
                + b.getDayOfMonth() + ") - date(" + a.getYear() + ", " + a.getMonthValue() + ", "
                + a.getDayOfMonth() + ")).days)";
        return new DemoTask(DemoAgent.ANALYST, String.format(template, a, b), new CodeInterpreterCall(code),
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

    private static String join(List<Long> numbers, String separator, String last) {
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
