package io.lariat.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.json.PythonJson;

import java.util.List;

/** The texts that present custom tool definitions to the model, one per style and placement (spec §6). */
final class ToolDefinitions {

    private static final String RESPOND_JSON = "Respond in the format {\"name\": function name, \"parameters\": "
            + "dictionary of argument name and its value}.Do not use variables.\n\n";

    private ToolDefinitions() {
    }

    /** The HF prefix of the first user message ({@code tools_in_user_message=true}), ending before the user text. */
    static String jsonUserPrefix(List<ToolSpec> tools) {
        return "Given the following functions, please respond with a JSON for a function call with its proper "
                + "arguments that best answers the given prompt.\n\n" + RESPOND_JSON + jsonTools(tools);
    }

    /** The HF block in the system message ({@code tools_in_user_message=false}), ending with a blank line. */
    static String jsonSystemBlock(List<ToolSpec> tools) {
        return "You have access to the following functions. To call a function, please respond with JSON for a "
                + "function call." + RESPOND_JSON + jsonTools(tools);
    }

    private static String jsonTools(List<ToolSpec> tools) {
        StringBuilder out = new StringBuilder();
        for (ToolSpec tool : tools) {
            out.append(PythonJson.dumps(tool.toOpenAiJson(), 4)).append("\n\n");
        }
        return out.toString();
    }

    /** The user message of Meta's FunctionTagCustomToolGenerator (spec §6.2). */
    static String functionTagMessage(List<ToolSpec> tools) {
        StringBuilder out = new StringBuilder("You have access to the following functions:\n\n");
        for (ToolSpec tool : tools) {
            String description = tool.description() == null ? "" : tool.description();
            out.append("Use the function '").append(tool.name()).append("' to '").append(description)
                    .append("':\n{\"name\": \"").append(tool.name()).append("\", \"description\": \"")
                    .append(description).append("\", \"parameters\": ")
                    .append(PythonJson.dumps(tool.parameters())).append("}\n\n");
        }
        return out.append("Think very carefully before calling functions.\n")
                .append("If you choose to call a function ONLY reply in the following format with no prefix or "
                        + "suffix:\n\n")
                .append("<function=example_function_name>{\"example_name\": \"example_value\"}</function>\n\n")
                .append("Reminder:\n")
                .append("- If looking for real time information use relevant functions before falling back to "
                        + "brave_search\n")
                .append("- Function calls MUST follow the specified format, start with <function= and end with "
                        + "</function>\n")
                .append("- Required parameters MUST be specified\n")
                .append("- Only call one function at a time\n")
                .append("- Put the entire function call reply on one line")
                .toString();
    }

    /** The Llama 3.2 system prompt for pythonic calls, as in Meta's 3.2 text prompt format document (spec §6.3). */
    static String pythonListSystemPrompt(List<ToolSpec> tools) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        tools.forEach(tool -> list.add(pythonListDefinition(tool)));
        return "You are an expert in composing functions. You are given a question and a set of possible functions.\n"
                + "Based on the question, you will need to make one or more function/tool calls to achieve the "
                + "purpose.\n"
                + "If none of the function can be used, point it out. If the given question lacks the parameters "
                + "required by the function,\n"
                + "also point it out. You should only return the function call in tools call sections.\n\n"
                + "If you decide to invoke any of the function(s), you MUST put it in the format of "
                + "[func_name1(params_name1=params_value1, params_name2=params_value2...), func_name2(params)]\n"
                + "You SHOULD NOT include any other text in the response.\n\n"
                + "Here is a list of functions in JSON format that you can invoke.\n\n"
                + PythonJson.dumps(list, 4);
    }

    /** Meta's definition shape: {@code "type": "dict"}, required first, then name, type, description, default. */
    private static ObjectNode pythonListDefinition(ToolSpec tool) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode properties = json.objectNode();
        JsonNode schemaProperties = tool.parameters().path("properties");
        schemaProperties.properties().forEach(entry -> {
            ObjectNode property = properties.putObject(entry.getKey());
            JsonNode schema = entry.getValue();
            property.put("type", schema.path("type").asText("string"));
            property.put("description", schema.path("description").asText(""));
            if (schema.has("default")) {
                property.put("default", schema.get("default").asText());
            }
        });
        ObjectNode parameters = json.objectNode().put("type", "dict");
        parameters.set("required", tool.parameters().path("required").isArray()
                ? tool.parameters().get("required").deepCopy() : json.arrayNode());
        parameters.set("properties", properties);
        ObjectNode definition = json.objectNode().put("name", tool.name());
        definition.put("description", tool.description() == null ? "" : tool.description());
        definition.set("parameters", parameters);
        return definition;
    }
}
