package io.lariat.prompts.parse;

/** How a generation ended (spec §9.2 step 1). */
public enum Stop {
    /** {@code <|eom_id|>}: a tool call awaits its result. */
    EOM,
    /** {@code <|eot_id|>} or {@code <|end_of_text|>}: the turn is finished. */
    EOT,
    /** No stop token: the token budget ran out and the output is truncated. */
    LENGTH;

    /** The lower-case name used on the wire: {@code eom}, {@code eot} or {@code length}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
