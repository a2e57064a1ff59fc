/**
 * Wire records of the Ollama-compatible dialect ({@code /api/chat}, {@code /api/generate}, {@code /api/tags},
 * {@code /api/show}, {@code /api/version}) and {@link io.lariat.agent.http.ollama.OllamaMapping}, which reads
 * requests into {@link io.lariat.agent.chat.ChatRequest}s and writes {@link io.lariat.agent.chat.ChatEvent}s as
 * Ollama's NDJSON chunks.
 */
package io.lariat.agent.http.ollama;

