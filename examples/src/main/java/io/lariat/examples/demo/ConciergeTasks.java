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
            "Quick question: ", "Good morning! ", "OK, ", "Hi there. ", "hey ", "hi ", "um ", "Sorry to bother you, ",
            "ok so ", "Hello, ", "yo ");
    private static final List<String> CLOSERS = List.of("", " Thanks!", " Thank you.", " Please.",
            " Thanks in advance.", " I am in a hurry.", " pls", " please", " thx", " thanks", "??", " asap",
            " for me", " quickly");
    private static final List<String> OPENERS_ZH = List.of("", "你好，", "请问，", "麻烦你，", "您好，");
    private static final List<String> CLOSERS_ZH = List.of("", "谢谢！", "谢谢。", "谢谢", "急！");
    private static final Phrasebook ORDER = new Phrasebook(OPENERS, List.of("Where is my order %s?",
            "What's the status of order %s?", "Can you check order %s for me?", "Has order %s shipped yet?",
            "Any news on my order %s?", "I want to know about order %s.", "Order %s status?",
            "Please look up order %s.", "What happened to my order %s?", "Check the status of %s.",
            "Track order %s.", "Is my order %s on its way?", "Status of %s?", "Can you look up %s?",
            "When will order %s arrive?", "I ordered %s. Where is it?", "Where's %s?", "%s status?", "%s",
            "%s where is it", "Track %s.", "Has %s arrived yet?", "Did %s ship?", "Is %s delivered?",
            "What's going on with %s?", "Look up %s.", "Find my package %s.", "My order %s still isn't here.",
            "Order number %s, any update?", "Tracking info for %s?", "Where's my stuff? Order %s.",
            "Was order %s cancelled?", "Is %s cancelled?", "Update on %s?", "%s - when does it arrive?",
            "Check %s.", "I'm waiting for %s, where is it?", "Has my package %s been sent?",
            "Status on order %s?", "What's up with my order %s?", "Info on purchase %s?",
            "Can you tell me where %s is?", "%s hasn't arrived, can you check?"), CLOSERS, true);
    private static final Phrasebook ORDER_ZH = new Phrasebook(OPENERS_ZH, List.of("帮我查一下订单 %s。",
            "订单 %s 到哪里了？", "我的订单 %s 怎么样了？", "查询订单 %s 的状态。", "%s 到哪了？", "订单%s发货了吗",
            "%s 什么时候到", "我的包裹 %s 还没到", "查一下 %s", "订单 %s 的物流状态", "%s 取消了吗？",
            "订单%s到哪里了"), CLOSERS_ZH, false);
    private static final Phrasebook CONVERT = new Phrasebook(OPENERS, List.of("How many %3$s is %1$s %2$s?",
            "Convert %1$s %2$s to %3$s.", "What is %1$s %2$s in %3$s?", "%1$s %2$s to %3$s?",
            "Please convert %1$s %2$s into %3$s.", "I have %1$s %2$s; how much is that in %3$s?",
            "Express %1$s %2$s in %3$s.", "How much is %1$s %2$s in %3$s?", "Change %1$s %2$s into %3$s.",
            "Can you convert %1$s %2$s to %3$s?", "%1$s %2$s is how many %3$s?",
            "What is %1$s %2$s when converted to %3$s?", "%1$s %2$s in %3$s", "%1$s %2$s to %3$s",
            "How many %3$s in %1$s %2$s?", "How many %3$s are %1$s %2$s?", "What's %1$s %2$s in %3$s?",
            "%1$s %2$s = ? %3$s", "Convert %1$s %2$s into %3$s", "%1$s %2$s equals how many %3$s?",
            "How far is %1$s %2$s in %3$s?", "How heavy is %1$s %2$s in %3$s?", "My bag is %1$s %2$s, how many %3$s is that?",
            "The recipe says %1$s %2$s, what is that in %3$s?", "Need %1$s %2$s in %3$s.",
            "Turn %1$s %2$s into %3$s.", "%1$s %2$s converted to %3$s?", "If it is %1$s %2$s, how many %3$s is it?",
            "What does %1$s %2$s come to in %3$s?", "%1$s %2$s is what in %3$s?"), CLOSERS, true);
    private static final Phrasebook CONVERT_ZH = new Phrasebook(OPENERS_ZH, List.of("%1$s %2$s 等于多少 %3$s？",
            "把 %1$s %2$s 换算成 %3$s。", "%1$s %2$s 是多少 %3$s？", "%1$s%2$s等于多少%3$s", "%1$s%2$s是多少%3$s",
            "把%1$s%2$s换算成%3$s", "%1$s%2$s合多少%3$s？", "%1$s%2$s换成%3$s是多少"), CLOSERS_ZH, false);
    /** Units as people write them (the tool reads every one): per dimension, per unit, its names. */
    private static final List<List<List<String>>> UNIT_GROUPS = List.of(
            List.of(List.of("km", "kilometers", "kilometres", "kilometer"), List.of("m", "meters", "metres", "meter"),
                    List.of("cm", "centimeters", "centimetres"), List.of("mi", "miles", "mile"),
                    List.of("ft", "feet", "foot"), List.of("inch", "inches"), List.of("yards", "yd", "yard"),
                    List.of("mm", "millimeters")),
            List.of(List.of("kg", "kilograms", "kilos", "kilogram", "kgs"), List.of("g", "grams", "gram"),
                    List.of("lb", "pounds", "lbs", "pound"), List.of("oz", "ounces", "ounce")),
            List.of(List.of("l", "liters", "litres", "liter"), List.of("ml", "milliliters", "millilitres"),
                    List.of("gal", "gallons", "gallon")),
            List.of(List.of("celsius", "celsius", "c"), List.of("fahrenheit", "fahrenheit", "f"),
                    List.of("kelvin")));
    private static final List<List<List<String>>> UNIT_GROUPS_ZH = List.of(
            List.of(List.of("公里", "千米", "km"), List.of("米", "m"), List.of("厘米", "cm"), List.of("英里"),
                    List.of("英尺"), List.of("英寸"), List.of("码")),
            List.of(List.of("公斤", "千克", "kg"), List.of("克", "g"), List.of("磅", "lb"), List.of("盎司")),
            List.of(List.of("升", "l"), List.of("毫升", "ml"), List.of("加仑")),
            List.of(List.of("摄氏度"), List.of("华氏度")));
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
        boolean chinese = r.nextInt(100) < 15;
        List<List<String>> group = TaskSource.pick(r, chinese ? UNIT_GROUPS_ZH : UNIT_GROUPS);
        List<String> fromNames = TaskSource.pick(r, group);
        List<String> toNames = TaskSource.pick(r, group.stream().filter(u -> u != fromNames).toList());
        long whole = r.nextInt(5) == 0 ? 1 + r.nextInt(20) : 1 + r.nextInt(999);
        boolean fractional = r.nextInt(4) == 0;
        boolean temperature = fromNames.contains("celsius") || fromNames.contains("fahrenheit")
                || fromNames.contains("kelvin") || fromNames.contains("摄氏度") || fromNames.contains("华氏度");
        boolean negative = temperature && r.nextInt(5) == 0;
        String value = fractional ? whole + "." + (1 + r.nextInt(9)) : Long.toString(whole);
        String from = whole == 1 && !fractional && r.nextBoolean() ? fromNames.getLast() : TaskSource.pick(r, fromNames);
        String to = TaskSource.pick(r, toNames);
        String written = negative ? (r.nextBoolean() ? "-" : "minus ") + value : value;
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        double number = Double.parseDouble(value) * (negative ? -1 : 1);
        if (fractional) {
            args.put("value", number);
        } else {
            args.put("value", (long) number);
        }
        args.put("from", from).put("to", to);
        String answered = negative ? "-" + value : value;
        return new DemoTask(DemoAgent.CONCIERGE,
                (chinese ? CONVERT_ZH : CONVERT).compose(r, phrasing, written, spokenUnit(r, from), to),
                new CustomToolCall("convert_units", args, ToolCallFormat.JSON),
                out -> conversionAnswer(answered, out, chinese));
    }

    /**
     * A source unit as the user says it: "40 degrees celsius" about a third of the time for a temperature name; the
     * call copies the unit's own word ("celsius"), as it copies "c" from "212 f in c".
     */
    static String spokenUnit(SplittableRandom r, String unit) {
        return (unit.equals("celsius") || unit.equals("fahrenheit")) && r.nextInt(3) == 0 ? "degrees " + unit : unit;
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
