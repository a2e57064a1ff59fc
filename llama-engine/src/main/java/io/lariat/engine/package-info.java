/**
 * Lariat's Llama 3.x inference engine. Entry point: {@link io.lariat.engine.LlamaEngine#load}; conversations run in
 * {@link io.lariat.engine.EngineSession}s, which reuse cached prefixes; {@link io.lariat.engine.GenerationRequest}
 * and {@link io.lariat.engine.GenerationResult} describe one generation. Every decode runs as a
 * {@link io.lariat.engine.Generation} (one stop-token rule), advanced by {@link io.lariat.engine.LlamaEngine#step},
 * which batches the generations of several sessions into one forward pass (continuous batching).
 */
package io.lariat.engine;
