package io.lariat.agent.chat;

import java.time.Duration;

/**
 * Token counts and timings of one chat generation, in the terms both OpenAI's {@code usage} and Ollama's final
 * chunk need.
 *
 * @param promptTokens          tokens of the whole prompt
 * @param promptTokensEvaluated prompt tokens the model evaluated now (the rest came from the cache)
 * @param completionTokens      tokens generated, the stop token included
 * @param load                  time spent loading the model for this request (zero when it was loaded)
 * @param promptEval            time spent evaluating the prompt
 * @param eval                  time spent generating
 * @param total                 wall-clock time of the whole request, queueing included
 */
public record ChatUsage(int promptTokens, int promptTokensEvaluated, int completionTokens, Duration load,
                        Duration promptEval, Duration eval, Duration total) {
}
