/**
 * Grammar-constrained decoding: {@link io.lariat.prompts.grammar.JsonSchemaGrammar} compiles a JSON Schema to a
 * byte-level pushdown automaton and binds it to a vocabulary as an engine
 * {@link io.lariat.engine.sampling.TokenConstraint}, so that every sampled token keeps the output a valid prefix of
 * a document the schema accepts.
 */
package io.lariat.prompts.grammar;
