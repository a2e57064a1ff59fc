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
 */
public record TurnOptions(List<String> stopStrings, boolean declaredToolsOnly) {
    /** No stop strings; every call is returned. */
    public static final TurnOptions DEFAULT = new TurnOptions(List.of(), false);

    /** Copies the list and drops empty strings. */
    public TurnOptions {
        stopStrings = stopStrings.stream().filter(s -> !s.isEmpty()).toList();
    }
}
