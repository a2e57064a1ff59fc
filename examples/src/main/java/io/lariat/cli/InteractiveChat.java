package io.lariat.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The interactive prompt of {@code lariat run}, as Ollama's: {@code >>>} lines, {@code """} multi-line messages and
 * the slash commands {@code /?}, {@code /show}, {@code /set}, {@code /clear}, {@code /bye}, over a local model or a
 * running server alike ({@link Session}).
 */
final class InteractiveChat {
    static final String HELP = """
            Available Commands:
              /set            Set session variables
              /show           Show model information
              /clear          Clear session context
              /bye            Exit
              /?, /help       Help for a command

            Use \""" to begin a multi-line message.""";
    static final String SET_HELP = """
            Available Commands:
              /set parameter ...     Set a parameter
              /set system <string>   Set system message
              /set verbose           Show LLM stats
              /set quiet             Disable LLM stats

            Parameters: temperature, top_p, seed, num_predict""";
    static final String SHOW_HELP = """
            Available Commands:
              /show info         Show details for this model
              /show license      Show model license
              /show modelfile    Show Modelfile for this model
              /show parameters   Show parameters for this model
              /show system       Show system message
              /show template     Show prompt template""";

    /** What the prompt drives: a conversation with settings. */
    interface Session {
        /** Answers one message, streaming to {@code out}. */
        void send(String message);

        /** Forgets the conversation. */
        void clear();

        /** Sets the system prompt. */
        void system(String text);

        /**
         * Sets one parameter.
         *
         * @throws CliException naming an unknown parameter or a bad value
         */
        void parameter(String name, String value);

        /** Turns the statistics after each answer on or off. */
        void verbose(boolean on);
    }

    private final Session session;
    private final PrintWriter out;
    private final Consumer<String> show;
    private final Map<String, String> userParameters = new LinkedHashMap<>();
    private String userSystem;

    /**
     * @param show prints a {@code lariat show MODEL} part: {@code ""} for everything, else {@code --system},
     *             {@code --template}, {@code --license}, {@code --modelfile}, {@code --parameters}
     */
    InteractiveChat(Session session, PrintWriter out, Consumer<String> show) {
        this.session = session;
        this.out = out;
        this.show = show;
    }

    /** Reads messages and commands until {@code /bye} or the end of input. */
    void run(BufferedReader in) {
        for (String line; (line = read(in, ">>> ")) != null; ) {
            String text = line.strip();
            if (text.startsWith("\"\"\"")) {
                text = multiLine(in, text.substring(3));
                if (text == null) {
                    return;
                }
            } else if (text.startsWith("/")) {
                if (!command(text)) {
                    return;
                }
                continue;
            }
            if (!text.isBlank()) {
                session.send(text);
            }
        }
    }

    /** The rest of a {@code """} message, up to the line that ends with {@code """}; null at end of input. */
    private String multiLine(BufferedReader in, String first) {
        StringBuilder text = new StringBuilder();
        for (String line = first; ; ) {
            if (line.endsWith("\"\"\"")) {
                return text.append(line, 0, line.length() - 3).toString().strip();
            }
            text.append(line).append('\n');
            line = read(in, "... ");
            if (line == null) {
                return null;
            }
        }
    }

    /** Runs a slash command; false for {@code /bye}. */
    private boolean command(String text) {
        String[] words = text.split("\\s+", 3);
        switch (words[0]) {
            case "/bye" -> {
                return false;
            }
            case "/?", "/help" -> out.println(words.length > 1 && words[1].equals("set") ? SET_HELP
                    : words.length > 1 && words[1].equals("show") ? SHOW_HELP : HELP);
            case "/clear" -> {
                session.clear();
                out.println("Cleared session context");
            }
            case "/set" -> set(words);
            case "/show" -> show(words.length > 1 ? words[1] : "");
            default -> out.println("Unknown command '" + words[0] + "'. Type /? for help");
        }
        out.flush();
        return true;
    }

    private void set(String[] words) {
        String what = words.length > 1 ? words[1] : "";
        String rest = words.length > 2 ? words[2].strip() : "";
        switch (what) {
            case "verbose", "quiet" -> {
                session.verbose(what.equals("verbose"));
                out.println("Set '" + what + "' mode.");
            }
            case "system" -> {
                String system = rest.startsWith("\"") && rest.endsWith("\"") && rest.length() > 1
                        ? rest.substring(1, rest.length() - 1) : rest;
                session.system(system);
                userSystem = system;
                out.println("Set system message.");
            }
            case "parameter" -> {
                String[] nameValue = rest.split("\\s+", 2);
                if (nameValue.length < 2) {
                    out.println("Usage: /set parameter <name> <value>");
                    return;
                }
                try {
                    session.parameter(nameValue[0], nameValue[1]);
                    userParameters.put(nameValue[0], nameValue[1]);
                    out.println("Set parameter '" + nameValue[0] + "' to '" + nameValue[1] + "'");
                } catch (CliException e) {
                    out.println("Couldn't set parameter: " + e.getMessage());
                }
            }
            default -> out.println(SET_HELP);
        }
    }

    private void show(String what) {
        switch (what) {
            case "info" -> show.accept("");
            case "license", "modelfile", "template" -> show.accept("--" + what);
            case "system" -> {
                if (userSystem != null) {
                    out.println(userSystem);
                } else {
                    show.accept("--system");
                }
            }
            case "parameters" -> {
                if (!userParameters.isEmpty()) {
                    out.println("User defined parameters:");
                    userParameters.forEach((k, v) -> out.printf("%-30s %s%n", k, v));
                    out.println();
                    out.println("Model defined parameters:");
                }
                show.accept("--parameters");
            }
            default -> out.println(SHOW_HELP);
        }
    }

    private String read(BufferedReader in, String prompt) {
        out.print(prompt);
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
