package io.lariat.prompts.parse;

/** The syntax of a tool call in model output (spec §9.1). */
public enum ToolCallFormat {
    /** {@code <|python_tag|>NAME.call(k=v, ...)} (spec §4.2). */
    BUILTIN,
    /** {@code <|python_tag|>} followed by raw Python source (spec §4.3). */
    CODE_INTERPRETER,
    /** {@code {"name": ..., "parameters": {...}}}, tagged or not (spec §6.1). */
    JSON,
    /** {@code <function=NAME>{...}</function>} (spec §6.2). */
    FUNCTION_TAG,
    /** {@code [NAME(k=v, ...), ...]} (spec §6.3). */
    PYTHON_LIST,
    /** No call. */
    NONE
}
