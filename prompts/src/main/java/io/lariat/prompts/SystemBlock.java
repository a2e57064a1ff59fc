package io.lariat.prompts;

import java.util.ArrayList;
import java.util.List;

/** The content of the system message built from the tool configuration, the date and the user's system text. */
final class SystemBlock {

    static final String KNOWLEDGE_LINE = "Cutting Knowledge Date: December 2023\n";
    private static final String ENVIRONMENT_LINE = "Environment: ipython\n";

    private SystemBlock() {
    }

    /** Layout R (spec §3.2); with pythonic custom tools, the Llama 3.2 document's system prompt (spec §6.3). */
    static String reference(ChatFormat.Options options, String systemText) {
        boolean pythonList = options.style() == CustomToolStyle.PYTHON_LIST && !options.tools().isEmpty();
        boolean anyTool = !options.builtinTools().isEmpty() || (!options.tools().isEmpty() && !pythonList);
        List<String> listed = listedBuiltins(options);
        StringBuilder out = new StringBuilder();
        if (anyTool || (pythonList && !options.builtinTools().isEmpty())) {
            out.append(ENVIRONMENT_LINE);
        }
        if (!listed.isEmpty()) {
            out.append("Tools: ").append(String.join(", ", listed)).append('\n');
        } else if (anyTool) {
            out.append('\n');
        }
        if (pythonList) {
            out.append(ToolDefinitions.pythonListSystemPrompt(options.tools()));
            return systemText == null ? out.toString() : out.append("\n\n").append(systemText).toString();
        }
        out.append(KNOWLEDGE_LINE).append("Today Date: ").append(options.dateText());
        if (options.customToolsInSystem()) {
            out.append("\n\n").append(ToolDefinitions.jsonSystemBlock(options.tools()).stripTrailing());
        }
        if (systemText != null) {
            out.append("\n\n").append(systemText);
        }
        return out.append('\n').toString();
    }

    /** Layout H (spec §3.3): exactly what the official 3.1 template writes. */
    static String huggingFace(ChatFormat.Options options, String systemText) {
        StringBuilder out = new StringBuilder();
        if (!options.builtinTools().isEmpty() || !options.tools().isEmpty()) {
            out.append(ENVIRONMENT_LINE);
        }
        if (!options.builtinTools().isEmpty()) {
            out.append("Tools: ").append(String.join(", ", listedBuiltins(options))).append("\n\n");
        }
        out.append(KNOWLEDGE_LINE).append("Today Date: ").append(options.dateText()).append("\n\n");
        if (!options.tools().isEmpty() && options.placement() == ToolPlacement.SYSTEM_MESSAGE) {
            out.append(ToolDefinitions.jsonSystemBlock(options.tools()));
        }
        return out.append(systemText == null ? "" : systemText.strip()).toString();
    }

    /** The builtin names of the Tools line: all but code_interpreter, which the Environment line enables alone. */
    private static List<String> listedBuiltins(ChatFormat.Options options) {
        List<String> listed = new ArrayList<>(options.builtinTools());
        listed.remove("code_interpreter");
        return listed;
    }
}
