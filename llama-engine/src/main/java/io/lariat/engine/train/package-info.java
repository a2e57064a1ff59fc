/**
 * Lariat's float32 trainer for small Llama-architecture models: forward and full backward pass, AdamW, a compact
 * trained vocabulary, checkpoints and GGUF export. The entry type is {@link io.lariat.engine.train.Trainer}.
 */
package io.lariat.engine.train;
