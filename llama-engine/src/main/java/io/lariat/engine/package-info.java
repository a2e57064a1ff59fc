/** Lariat's Llama 3.x inference engine: GGUF files, tokenizer, forward pass, sampling and generation. */
package io.lariat.engine;
