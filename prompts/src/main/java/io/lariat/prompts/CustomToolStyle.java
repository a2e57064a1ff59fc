package io.lariat.prompts;

/** How the model is asked to call custom tools (spec §6). */
public enum CustomToolStyle {
    /** {@code {"name": ..., "parameters": {...}}}: the Llama 3.1 default. */
    JSON,
    /** {@code <function=NAME>{...}</function>} (Llama 3.1). */
    FUNCTION_TAG,
    /** {@code [NAME(k=v, ...)]}: the Llama 3.2/3.3 default. */
    PYTHON_LIST
}
