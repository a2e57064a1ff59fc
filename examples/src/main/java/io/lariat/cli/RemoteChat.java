package io.lariat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.agent.store.Modelfile;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code lariat run} against a running server: the conversation kept here, each turn one streamed
 * {@code POST /api/chat} in Ollama's documented format, so the server's loaded model answers at once. Options the
 * user set ({@code --temperature}, {@code /set parameter}, ...) are sent as Ollama {@code options}; the others are
 * left to the server's defaults.
 */
final class RemoteChat implements InteractiveChat.Session {
    private final ServerConnection server;
    private final RunCommand run;
    private final Set<String> explicit = new HashSet<>();
    private final List<ChatMessage> messages = new ArrayList<>();
    private String system;

    RemoteChat(ServerConnection server, RunCommand run) {
        this.server = server;
        this.run = run;
        this.system = run.system;
        for (String option : List.of("temperature", "top-p", "seed", "ctx", "max-tokens")) {
            if (run.spec.commandLine().getParseResult().hasMatchedOption("--" + option)) {
                explicit.add(option);
            }
        }
    }

    /** One answer to {@code prompt}, or the interactive prompt when it is null. */
    void run(String prompt, long startNanos) {
        if (prompt != null) {
            send(prompt);
        } else {
            run.interactive(this, this::show);
        }
    }

    @Override
    public void send(String message) {
        PrintWriter out = run.root.console().out();
        messages.add(new ChatMessage("user", message));
        StringBuilder answer = new StringBuilder();
        JsonNode[] last = {null};
        try {
            server.stream("/api/chat", body(), line -> {
                String piece = line.path("message").path("content").asText("");
                out.print(piece);
                out.flush();
                answer.append(piece);
                if (line.path("done").asBoolean()) {
                    last[0] = line;
                }
            });
        } catch (RuntimeException e) {
            messages.removeLast();
            throw e;
        }
        out.println();
        out.flush();
        messages.add(new ChatMessage("assistant", answer.toString()));
        if (last[0] != null) {
            run.report(new StatsBlock(nanos(last[0], "total_duration"), nanos(last[0], "load_duration"),
                    last[0].path("prompt_eval_count").asInt(), nanos(last[0], "prompt_eval_duration"),
                    last[0].path("eval_count").asInt(), nanos(last[0], "eval_duration")));
        }
    }

    @Override
    public void clear() {
        messages.clear();
    }

    @Override
    public void system(String text) {
        system = text;
    }

    @Override
    public void parameter(String name, String value) {
        run.parameter(name, value);
        explicit.add(switch (name) {
            case "top_p" -> "top-p";
            case "num_predict" -> "max-tokens";
            default -> name;
        });
    }

    @Override
    public void verbose(boolean on) {
        run.verbose = on;
    }

    /**
     * {@code /show}: what the server says of the model ({@code POST /api/show}), laid out as {@code lariat show};
     * the model may exist only on the server.
     *
     * @param part {@code ""} for the whole description, else {@code --modelfile}, {@code --parameters}, ...
     */
    void show(String part) {
        PrintWriter out = run.root.console().out();
        JsonNode show;
        try {
            show = server.post("/api/show", Map.of("model", run.model));
        } catch (CliException e) {
            // as in Ollama, a failed /show is reported and the chat goes on
            out.println("Couldn't show the model: " + e.getMessage());
            return;
        }
        List<Modelfile.Parameter> parameters = show.path("parameters").asText("").lines()
                .map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+", 2))
                .map(p -> new Modelfile.Parameter(p[0], p.length < 2 ? "" : p[1].replaceAll("^\"|\"$", "")))
                .toList();
        Modelfile parts = new Modelfile(run.model, text(show, "system"), text(show, "template"),
                show.hasNonNull("license") ? List.of(show.get("license").asText()) : List.of(), parameters);
        switch (part) {
            case "" -> {
                JsonNode info = show.path("model_info");
                String arch = info.path("general.architecture").asText("unknown");
                ShowCommand.printSummary(out, new ShowCommand.Summary(arch,
                        info.path("general.parameter_count").asLong(0),
                        info.path(arch + ".context_length").asLong(-1),
                        info.path(arch + ".embedding_length").asLong(-1),
                        show.path("details").path("quantization_level").asText("unknown")), parts);
            }
            case "--modelfile" -> out.print(show.path("modelfile").asText(""));
            default -> ShowCommand.printOne(out, parts, part);
        }
        out.flush();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** The request body: the whole conversation, streamed, with the options the user chose. */
    Map<String, Object> body() {
        List<ChatMessage> all = new ArrayList<>();
        if (system != null) {
            all.add(new ChatMessage("system", system));
        }
        all.addAll(messages);
        Map<String, Object> options = new LinkedHashMap<>();
        if (explicit.contains("temperature")) {
            options.put("temperature", run.temperature);
        }
        if (explicit.contains("top-p")) {
            options.put("top_p", run.topP);
        }
        if (explicit.contains("seed") && run.seed != null) {
            options.put("seed", run.seed);
        }
        if (explicit.contains("ctx")) {
            options.put("num_ctx", run.contextSize);
        }
        if (explicit.contains("max-tokens")) {
            options.put("num_predict", run.maxTokens);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", run.model);
        body.put("messages", all);
        body.put("stream", true);
        if (!options.isEmpty()) {
            body.put("options", options);
        }
        return body;
    }

    /** One message of Ollama's {@code /api/chat} body. */
    record ChatMessage(String role, String content) {
    }

    private static Duration nanos(JsonNode node, String field) {
        return Duration.ofNanos(node.path(field).asLong());
    }
}
