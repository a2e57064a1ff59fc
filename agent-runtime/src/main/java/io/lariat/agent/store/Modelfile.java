package io.lariat.agent.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An Ollama Modelfile: the instructions {@code create} turns into a stored model, and {@code show --modelfile}
 * prints back. Supported: {@code FROM}, {@code SYSTEM}, {@code PARAMETER}, {@code TEMPLATE}, {@code LICENSE} (several
 * allowed), {@code #} comments; a value is the rest of the line, a {@code "quoted"} string or a {@code """}
 * multi-line block {@code """}. Instruction names are case-insensitive, as in Ollama.
 *
 * @param from       a stored model's name or a GGUF file path
 * @param system     the system prompt, or null
 * @param template   the prompt template, or null
 * @param licenses   license texts
 * @param parameters parameters in order ({@code stop} may repeat)
 */
public record Modelfile(String from, String system, String template, List<String> licenses,
                        List<Parameter> parameters) {

    /** Copies the lists. */
    public Modelfile {
        licenses = List.copyOf(licenses);
        parameters = List.copyOf(parameters);
    }

    /**
     * One {@code PARAMETER name value}.
     *
     * @param name  such as {@code temperature} or {@code stop}
     * @param value the value as written
     */
    public record Parameter(String name, String value) {
    }

    /**
     * Parses a Modelfile.
     *
     * @throws ModelStoreException naming the line of an unknown instruction, a missing value, an unclosed
     *                             {@code """} block, or a Modelfile without {@code FROM}
     */
    public static Modelfile parse(String text) {
        Builder b = new Builder();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String rest = space < 0 ? "" : line.substring(space + 1).strip();
            if (rest.startsWith("\"\"\"")) {
                StringBuilder block = new StringBuilder(rest.substring(3));
                int start = i;
                while (block.indexOf("\"\"\"") < 0) {
                    if (++i >= lines.size()) {
                        throw new ModelStoreException("Modelfile line " + (start + 1) + ": " + keyword
                                + " opens a \"\"\" block that is never closed");
                    }
                    block.append('\n').append(lines.get(i));
                }
                rest = block.substring(0, block.indexOf("\"\"\""));
            } else if (rest.length() >= 2 && rest.startsWith("\"") && rest.endsWith("\"")) {
                rest = rest.substring(1, rest.length() - 1);
            }
            b.add(keyword, rest, i + 1);
        }
        if (b.from == null) {
            throw new ModelStoreException("the Modelfile has no FROM line (FROM a model name or a .gguf file)");
        }
        return new Modelfile(b.from, b.system, b.template, b.licenses, b.parameters);
    }

    /** This Modelfile with {@code FROM} replaced. */
    public Modelfile withFrom(String newFrom) {
        return new Modelfile(newFrom, system, template, licenses, parameters);
    }

    /**
     * This Modelfile with the weights' own template and license (from their GGUF metadata, each may be null) where
     * it sets none: what {@code show} reports of a model.
     */
    public Modelfile withDefaults(String ggufTemplate, String ggufLicense) {
        return new Modelfile(from, system, template != null ? template : ggufTemplate,
                !licenses.isEmpty() || ggufLicense == null ? licenses : List.of(ggufLicense), parameters);
    }

    /**
     * The parameters as {@code ollama show --parameters} prints them (and {@code /api/show}'s {@code parameters}):
     * one line each, the name padded to 30 columns, {@code stop} values quoted.
     */
    public String renderParameters() {
        StringBuilder out = new StringBuilder();
        for (Parameter p : parameters) {
            String value = p.name().equals("stop") ? "\"" + p.value() + "\"" : p.value();
            out.append(String.format("%-30s %s", p.name(), value)).append('\n');
        }
        return out.toString();
    }

    private static String quoted(String value) {
        return value.matches(".*\\s.*") ? "\"" + value + "\"" : value;
    }

    /** The Modelfile text, as {@code ollama show --modelfile} prints it. */
    public String render() {
        StringBuilder out = new StringBuilder("FROM ").append(from).append('\n');
        if (template != null) {
            out.append("TEMPLATE \"\"\"").append(template).append("\"\"\"\n");
        }
        if (system != null) {
            out.append("SYSTEM \"\"\"").append(system).append("\"\"\"\n");
        }
        for (Parameter p : parameters) {
            out.append("PARAMETER ").append(p.name()).append(' ').append(quoted(p.value())).append('\n');
        }
        for (String license : licenses) {
            out.append("LICENSE \"\"\"").append(license).append("\"\"\"\n");
        }
        return out.toString();
    }

    /** Collects instructions while parsing. */
    private static final class Builder {
        String from;
        String system;
        String template;
        final List<String> licenses = new ArrayList<>();
        final List<Parameter> parameters = new ArrayList<>();

        void add(String keyword, String value, int line) {
            if (value.isBlank() && !keyword.equals("SYSTEM")) {
                throw new ModelStoreException("Modelfile line " + line + ": " + keyword + " needs a value");
            }
            switch (keyword) {
                case "FROM" -> from = value;
                case "SYSTEM" -> system = value;
                case "TEMPLATE" -> template = value;
                case "LICENSE" -> licenses.add(value);
                case "PARAMETER" -> parameters.add(parameter(value, line));
                default -> throw new ModelStoreException("Modelfile line " + line + ": unknown instruction '"
                        + keyword + "' (supported: FROM, SYSTEM, PARAMETER, TEMPLATE, LICENSE)");
            }
        }

        private static Parameter parameter(String value, int line) {
            int space = value.indexOf(' ');
            if (space < 0 || value.substring(space + 1).isBlank()) {
                throw new ModelStoreException("Modelfile line " + line + ": PARAMETER needs a name and a value");
            }
            String raw = value.substring(space + 1).strip();
            if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
                raw = raw.substring(1, raw.length() - 1);
            }
            return new Parameter(value.substring(0, space).toLowerCase(Locale.ROOT), raw);
        }
    }
}
