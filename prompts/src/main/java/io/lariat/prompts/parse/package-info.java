/**
 * Reading model output: {@link io.lariat.prompts.parse.ToolCallParser} turns one generation into a
 * {@link io.lariat.prompts.parse.ParsedTurn}; {@link io.lariat.prompts.parse.ToolCallDetector} decides while tokens
 * stream whether the turn is a call.
 */
package io.lariat.prompts.parse;
