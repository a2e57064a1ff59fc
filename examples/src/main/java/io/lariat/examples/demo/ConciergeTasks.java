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

    private static final List<String> OPENERS = List.of("", "Hi, ", "Hello! ", "Hey, ", "Excuse me, ",
            "Quick question: ", "Good morning! ", "OK, ", "Hi there. ");
    private static final List<String> CLOSERS = List.of("", " Thanks!", " Thank you.", " Please.",
            " Thanks in advance.", " I am in a hurry.");
    private static final List<String> OPENERS_ZH = List.of("", "你好，", "请问，", "麻烦你，");
    private static final List<String> CLOSERS_ZH = List.of("", "谢谢！", "谢谢。");
    private static final Phrasebook ORDER = new Phrasebook(OPENERS, List.of("Where is my order %s?",
            "What's the status of order %s?", "Can you check order %s for me?", "Has order %s shipped yet?",
            "Any news on my order %s?", "I want to know about order %s.", "Order %s status?",
            "Please look up order %s.", "What happened to my order %s?", "Check the status of %s.",
            "Track order %s.", "Is my order %s on its way?", "Status of %s?", "Can you look up %s?",
            "When will order %s arrive?", "I ordered %s. Where is it?"), CLOSERS, true);
    private static final Phrasebook ORDER_ZH = new Phrasebook(OPENERS_ZH, List.of("帮我查一下订单 %s。",
            "订单 %s 到哪里了？", "我的订单 %s 怎么样了？", "查询订单 %s 的状态。"), CLOSERS_ZH, false);
    private static final Phrasebook CONVERT = new Phrasebook(OPENERS, List.of("How many %3$s is %1$s %2$s?",
            "Convert %1$s %2$s to %3$s.", "What is %1$s %2$s in %3$s?", "%1$s %2$s to %3$s?",
            "Please convert %1$s %2$s into %3$s.", "I have %1$s %2$s; how much is that in %3$s?",
            "Express %1$s %2$s in %3$s.", "How much is %1$s %2$s in %3$s?", "Change %1$s %2$s into %3$s.",
            "Can you convert %1$s %2$s to %3$s?", "%1$s %2$s is how many %3$s?",
            "What is %1$s %2$s when converted to %3$s?"), CLOSERS, true);
    private static final Phrasebook CONVERT_ZH = new Phrasebook(OPENERS_ZH, List.of("%1$s %2$s 等于多少 %3$s？",
            "把 %1$s %2$s 换算成 %3$s。", "%1$s %2$s 是多少 %3$s？"), CLOSERS_ZH, false);
    private static final List<List<String>> UNIT_GROUPS = List.of(List.of("km", "m", "cm", "mi", "ft", "inch"),
            List.of("kg", "g", "lb", "oz"), List.of("l", "ml", "gal"), List.of("celsius", "fahrenheit"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public DemoTask next(SplittableRandom random, Phrasing phrasing) {
        return random.nextBoolean() ? order(random, phrasing) : conversion(random, phrasing);
    }

    private static DemoTask order(SplittableRandom r, Phrasing phrasing) {
        String id = "A-" + (10_000 + r.nextInt(90_000));
        boolean chinese = r.nextInt(100) < 15;
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("orderId", id);
        return new DemoTask(DemoAgent.CONCIERGE, (chinese ? ORDER_ZH : ORDER).compose(r, phrasing, id),
                new CustomToolCall("lookup_order", args, ToolCallFormat.JSON), out -> orderAnswer(out, chinese));
    }

    private static DemoTask conversion(SplittableRandom r, Phrasing phrasing) {
        List<String> group = TaskSource.pick(r, UNIT_GROUPS);
        String from = TaskSource.pick(r, group);
        String to = TaskSource.pick(r, group.stream().filter(u -> !u.equals(from)).toList());
        long whole = 1 + r.nextInt(999);
        boolean fractional = r.nextInt(4) == 0;
        String value = fractional ? whole + "." + (1 + r.nextInt(9)) : Long.toString(whole);
        boolean chinese = r.nextInt(100) < 15;
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        if (fractional) {
            args.put("value", Double.parseDouble(value));
        } else {
            args.put("value", whole);
        }
        args.put("from", from).put("to", to);
        return new DemoTask(DemoAgent.CONCIERGE, (chinese ? CONVERT_ZH : CONVERT).compose(r, phrasing, value, from, to),
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
        String result = rawResult(output);
        String from = o.get("from").asText();
        String to = o.get("to").asText();
        String text = chinese ? value + " " + from + " 等于 " + result + " " + to + "。"
                : value + " " + from + " is " + result + " " + to + ".";
        return new DemoTask.Answer(text, result);
    }

    /** The result number exactly as the tool wrote it (a parsed double would print 2.3E7 for 23000000.0). */
    private static String rawResult(String output) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"result\": ?([^,}\\s]+)").matcher(output);
        return m.find() ? m.group(1) : "";
    }

    private static DemoTask.Answer failure(String output, boolean chinese) {
        return new DemoTask.Answer(chinese ? "抱歉，工具返回了错误：" + output : "Sorry, the tool reported: " + output,
                output);
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
