/**
 * The Llama 3.x transformer: {@link io.lariat.engine.model.LlamaModel} (weights in the mapped file, batched forward
 * pass), {@link io.lariat.engine.model.LlamaConfig} and {@link io.lariat.engine.model.KvCache}.
 */
package io.lariat.engine.model;
