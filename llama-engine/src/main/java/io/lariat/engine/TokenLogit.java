package io.lariat.engine;

/**
 * One vocabulary entry with its logit.
 *
 * @param id    token id
 * @param logit unnormalized log-probability
 */
public record TokenLogit(int id, float logit) {
}
