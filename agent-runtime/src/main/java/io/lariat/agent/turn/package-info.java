/**
 * One model turn, shared by every caller that generates: the entry type is {@link io.lariat.agent.turn.ModelTurn}.
 */
package io.lariat.agent.turn;
