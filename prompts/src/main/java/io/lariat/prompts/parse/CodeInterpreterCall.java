package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * Raw Python source after {@code <|python_tag|>}: a call of {@code code_interpreter} (spec §4.3).
 *
 * @param code the source with its indentation intact
 */
public record CodeInterpreterCall(String code) implements ToolCall {

    /** The tool name of raw code calls. */
    public static final String NAME = "code_interpreter";

    /** Checks the code is present. */
    public CodeInterpreterCall {
        Objects.requireNonNull(code, "code");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectNode arguments() {
        return JsonNodeFactory.instance.objectNode().put("code", code);
    }

    @Override
    public ToolCallFormat format() {
        return ToolCallFormat.CODE_INTERPRETER;
    }
}
