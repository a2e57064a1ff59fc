package io.lariat.agent.turn;

import io.lariat.engine.GenerationRequest;
import io.lariat.engine.sampling.TokenConstraint;

import java.util.List;

/**
 * Per-turn options of a {@link ModelTurn} beyond the prompt and the sampling: the place for what shapes one turn's
 * output (stop strings, which calls may be returned, which tokens may be sampled).
 *
 * @param stopStrings       strings that end the turn when they appear in its text (not included in it); empty
 *                          strings are ignored
 * @param declaredToolsOnly true when a call to a tool that {@link TurnInput#tools()} does not declare must not be
 *                          returned: the whole turn is then answer text (the chat APIs); false when every call is
 *                          returned and the caller answers unknown tools itself (the agent loop)
 * @param fixedPrefix       how many leading prompt ids every turn of this agent starts with (its system prompt and
 *                          tools), which a backend may keep across runs; 0 when none
 * @param constraint        restricts the ids the embedded engine may sample (structured output, constrained tool
 *                          calls), or null for none; a backend that cannot constrain refuses a turn carrying one
 * @param logprobs          {@link GenerationRequest#NO_LOGPROBS}, or how many alternatives (0 to
 *                          {@link io.lariat.engine.TokenLogprobs#MAX_TOP}) to report with the log-probability of
 *                          each token of the answer text ({@link ContentListener})
 */
public record TurnOptions(List<String> stopStrings, boolean declaredToolsOnly, int fixedPrefix,
                          TokenConstraint constraint, int logprobs) {
    /** No stop strings; every call is returned; no fixed prefix; no constraint; no log-probabilities. */
    public static final TurnOptions DEFAULT = new TurnOptions(List.of(), false, 0, null);

    /** Options without a fixed prefix, a constraint or log-probabilities. */
    public TurnOptions(List<String> stopStrings, boolean declaredToolsOnly) {
        this(stopStrings, declaredToolsOnly, 0, null);
    }

    /** Options without log-probabilities. */
    public TurnOptions(List<String> stopStrings, boolean declaredToolsOnly, int fixedPrefix,
                       TokenConstraint constraint) {
        this(stopStrings, declaredToolsOnly, fixedPrefix, constraint, GenerationRequest.NO_LOGPROBS);
    }

    /** These options for a turn whose first {@code ids} prompt ids are the agent's fixed prefix. */
    public TurnOptions withFixedPrefix(int ids) {
        return new TurnOptions(stopStrings, declaredToolsOnly, ids, constraint, logprobs);
    }

    /** These options with {@code value} as the constraint (null for none). */
    public TurnOptions withConstraint(TokenConstraint value) {
        return new TurnOptions(stopStrings, declaredToolsOnly, fixedPrefix, value, logprobs);
    }

    /** These options reporting log-probabilities with {@code alternatives} alternatives ({@link #logprobs()}). */
    public TurnOptions withLogprobs(int alternatives) {
        return new TurnOptions(stopStrings, declaredToolsOnly, fixedPrefix, constraint, alternatives);
    }

    /** Copies the list and drops empty strings. */
    public TurnOptions {
        stopStrings = stopStrings.stream().filter(s -> !s.isEmpty()).toList();
        if (fixedPrefix < 0) {
            throw new IllegalArgumentException("fixedPrefix must not be negative: " + fixedPrefix);
        }
    }
}
