/**
 * Lariat's Llama 3.x inference engine. Entry point: {@link io.lariat.engine.LlamaEngine#load}; conversations run in
 * {@link io.lariat.engine.EngineSession}s, which reuse cached prefixes; {@link io.lariat.engine.GenerationRequest}
 * and {@link io.lariat.engine.GenerationResult} describe one generation.
 */
package io.lariat.engine;
