package io.lariat.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.prompts.parse.CustomToolCall;
import io.lariat.prompts.parse.ToolCallFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Concierge tasks: order lookups and unit conversions as custom JSON calls to {@link ConciergeTools}, answered
 * from the tool's JSON result.
 */
final class ConciergeTasks implements TaskSource {

    private static final List<String> ORDER_TRAINING = List.of("Where is my order %s?",
            "What's the status of order %s?", "Can you check order %s for me?", "Has order %s shipped yet?",
            "Any news on my order %s?", "I want to know about order %s.", "order %s status",
            "帮我查一下订单 %s。", "订单 %s 到哪里了？");
    private static final List<String> ORDER_HELD_OUT = List.of("Please look up order %s.",
            "What happened to my order %s?", "Check the status of %s.", "我的订单 %s 怎么样了？");
    private static final List<String> CONVERT_TRAINING = List.of("How many %3$s is %1$s %2$s?",
            "Convert %1$s %2$s to %3$s.", "What is %1$s %2$s in %3$s?", "%1$s %2$s to %3$s please.",
            "Please convert %1$s %2$s into %3$s.", "%1$s %2$s 等于多少 %3$s？");
    private static final List<String> CONVERT_HELD_OUT = List.of("I have %1$s %2$s; how much is that in %3$s?",
            "Express %1$s %2$s in %3$s.", "把 %1$s %2$s 换算成 %3$s。");
    private static final List<List<String>> UNIT_GROUPS = List.of(List.of("km", "m", "cm", "mi", "ft", "in"),
            List.of("kg", "g", "lb", "oz"), List.of("l", "ml", "gal"), List.of("c", "f"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public DemoTask next(SplittableRandom random, Phrasing phrasing) {
        return random.nextBoolean() ? order(random, phrasing) : conversion(random, phrasing);
    }

    private static DemoTask order(SplittableRandom r, Phrasing phrasing) {
        String id = "A-" + (10_000 + r.nextInt(90_000));
        String template = TaskSource.pick(r, phrasing == Phrasing.TRAINING ? ORDER_TRAINING : ORDER_HELD_OUT);
        boolean chinese = isChinese(template);
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("orderId", id);
        return new DemoTask(DemoAgent.CONCIERGE, String.format(template, id),
                new CustomToolCall("lookup_order", args, ToolCallFormat.JSON), out -> orderAnswer(out, chinese));
    }

    private static DemoTask conversion(SplittableRandom r, Phrasing phrasing) {
        List<String> group = TaskSource.pick(r, UNIT_GROUPS);
        String from = TaskSource.pick(r, group);
        String to = TaskSource.pick(r, group.stream().filter(u -> !u.equals(from)).toList());
        long whole = 1 + r.nextInt(999);
        boolean fractional = r.nextInt(4) == 0;
        String value = fractional ? whole + "." + (1 + r.nextInt(9)) : Long.toString(whole);
        String template = TaskSource.pick(r, phrasing == Phrasing.TRAINING ? CONVERT_TRAINING : CONVERT_HELD_OUT);
        boolean chinese = isChinese(template);
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        if (fractional) {
            args.put("value", Double.parseDouble(value));
        } else {
            args.put("value", whole);
        }
        args.put("from", from).put("to", to);
        return new DemoTask(DemoAgent.CONCIERGE, String.format(template, value, from, to),
                new CustomToolCall("convert_units", args, ToolCallFormat.JSON),
                out -> conversionAnswer(value, out, chinese));
    }

    static DemoTask.Answer orderAnswer(String output, boolean chinese) {
        JsonNode o = parse(output);
        if (o == null || !o.hasNonNull("status")) {
            return failure(output, chinese);
        }
        String id = o.get("orderId").asText();
        String item = o.get("item").asText();
        String status = o.get("status").asText();
        String eta = o.get("estimatedDelivery").asText();
        String text;
        if (status.equals("cancelled")) {
            text = chinese ? "订单 " + id + "（" + item + "）已取消。" : "Order " + id + " (" + item + ") was cancelled.";
        } else {
            text = chinese ? "订单 " + id + "（" + item + "）的状态是 " + status + "，预计送达日期 " + eta + "。"
                    : "Order " + id + " (" + item + ") is " + status + "; estimated delivery " + eta + ".";
        }
        return new DemoTask.Answer(text, status);
    }

    static DemoTask.Answer conversionAnswer(String value, String output, boolean chinese) {
        JsonNode o = parse(output);
        if (o == null || !o.hasNonNull("result")) {
            return failure(output, chinese);
        }
        String result = o.get("result").asText();
        String from = o.get("from").asText();
        String to = o.get("to").asText();
        String text = chinese ? value + " " + from + " 等于 " + result + " " + to + "。"
                : value + " " + from + " is " + result + " " + to + ".";
        return new DemoTask.Answer(text, result);
    }

    private static DemoTask.Answer failure(String output, boolean chinese) {
        return new DemoTask.Answer(chinese ? "抱歉，工具返回了错误：" + output : "Sorry, the tool reported: " + output,
                output);
    }

    static boolean isChinese(String template) {
        return template.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static JsonNode parse(String output) {
        try {
            JsonNode node = JSON.readTree(output);
            return node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
