package io.lariat.agent.testing;

import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tools for loop tests: each call is recorded in {@link #calls}. */
public final class TestTools {
    /** Calls in the order they ran, as {@code name(argument)}. */
    public final List<String> calls = new CopyOnWriteArrayList<>();

    @Tool("Current weather in a city")
    public String getWeather(@ToolParam(value = "City name", name = "city") String city) {
        calls.add("get_weather(" + city + ")");
        return "22 C in " + city;
    }

    @Tool("A tool that always fails")
    public String explode(@ToolParam(value = "Anything", name = "reason") String reason) {
        calls.add("explode(" + reason + ")");
        throw new IllegalStateException("exploded: " + reason);
    }

    @Tool(value = "A tool that never returns", timeout = "200ms")
    public String hang(@ToolParam(value = "Anything", name = "what") String what) throws InterruptedException {
        calls.add("hang(" + what + ")");
        Thread.sleep(60_000);
        return "never";
    }

    @Tool("A tool with a very long result")
    public String dump(@ToolParam(value = "How many words", name = "words") int words) {
        calls.add("dump(" + words + ")");
        return "word ".repeat(words);
    }

    /** Built-in tool implementations. */
    public static final class Builtins {
        /** Calls in order. */
        public final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool(value = "Web search", name = "brave_search")
        public String search(@ToolParam(value = "Query", name = "query") String query) {
            calls.add("brave_search(" + query + ")");
            return "{\"results\": [\"Paris is 22 C\"]}";
        }

        @Tool(value = "Python", name = "code_interpreter")
        public String code(@ToolParam(value = "Code", name = "code") String code) {
            calls.add("code_interpreter(" + code + ")");
            return "completed\n[stdout]42[/stdout]";
        }
    }
}
