package io.lariat.prompts;

/** Which source's prompt layout {@link ChatFormat} reproduces (spec §3). */
public enum PromptLayout {
    /**
     * Meta's reference ChatFormat alone: messages as given and written byte for byte, past calls in its forms, no
     * system block added (the layout of the {@code ref*} test vectors, whose messages are already expanded).
     */
    PLAIN,
    /**
     * Layout R (spec §3.2): Meta's prompt generators plus ChatFormat, the layout of Meta's published examples; the
     * project default.
     */
    REFERENCE,
    /**
     * Layout H (spec §3.3): byte-identical to the official HF Llama 3.1 chat template, for parity with llama.cpp and
     * vLLM.
     */
    HUGGING_FACE
}
