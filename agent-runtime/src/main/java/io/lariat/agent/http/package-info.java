/**
 * The HTTP API on Quarkus REST, and only its edge: one resource per dialect
 * ({@link io.lariat.agent.http.OpenAiResource}, {@link io.lariat.agent.http.OllamaResource},
 * {@link io.lariat.agent.http.AgentResource}), the response streams and the error mapping. The chat service and the
 * served models live in {@code io.lariat.agent.chat}, beside the agent loop. Endpoints beyond chat live in their own
 * resources: embeddings and {@code /api/ps} ({@link io.lariat.agent.http.OllamaExtrasResource}), the model stores
 * ({@link io.lariat.agent.http.OllamaStoreResource}, {@link io.lariat.agent.http.OllamaPullResource},
 * {@link io.lariat.agent.http.OllamaCreateResource}), completions, embeddings and single models of OpenAI's dialect
 * ({@link io.lariat.agent.http.OpenAiExtrasResource}) and the root probe ({@link io.lariat.agent.http.RootResource}).
 * Wire records live in {@code .openai}, {@code .ollama} and {@code .agent}.
 */
package io.lariat.agent.http;
