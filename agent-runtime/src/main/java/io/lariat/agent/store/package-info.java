/**
 * Local model stores in Ollama's layout and downloads into them: {@link io.lariat.agent.store.ModelStores} resolves a
 * model reference (path, Lariat's store, Ollama's store); {@link io.lariat.agent.store.ModelPuller} pulls from a
 * registry or a GGUF URL with resume, sha256 verification and atomic moves.
 */
package io.lariat.agent.store;
