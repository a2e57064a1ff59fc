package io.lariat.agent.turn;

import java.util.List;

/**
 * Per-turn options of a {@link ModelTurn} beyond the prompt and the sampling: the place for what shapes one turn's
 * output (stop strings, which calls may be returned; constrained decoding joins here).
 *
 * @param stopStrings       strings that end the turn when they appear in its text (not included in it); empty
 *                          strings are ignored
 * @param declaredToolsOnly true when a call to a tool that {@link TurnInput#tools()} does not declare must not be
 *                          returned: the whole turn is then answer text (the chat APIs); false when every call is
 *                          returned and the caller answers unknown tools itself (the agent loop)
 * @param fixedPrefix       how many leading prompt ids every turn of this agent starts with (its system prompt and
 *                          tools), which a backend may keep across runs; 0 when none
 */
public record TurnOptions(List<String> stopStrings, boolean declaredToolsOnly, int fixedPrefix) {
    /** No stop strings; every call is returned; no fixed prefix. */
    public static final TurnOptions DEFAULT = new TurnOptions(List.of(), false, 0);

    /** Options without a fixed prefix. */
    public TurnOptions(List<String> stopStrings, boolean declaredToolsOnly) {
        this(stopStrings, declaredToolsOnly, 0);
    }

    /** These options for a turn whose first {@code ids} prompt ids are the agent's fixed prefix. */
    public TurnOptions withFixedPrefix(int ids) {
        return new TurnOptions(stopStrings, declaredToolsOnly, ids);
    }

    /** Copies the list and drops empty strings. */
    public TurnOptions {
        stopStrings = stopStrings.stream().filter(s -> !s.isEmpty()).toList();
        if (fixedPrefix < 0) {
            throw new IllegalArgumentException("fixedPrefix must not be negative: " + fixedPrefix);
        }
    }
}
