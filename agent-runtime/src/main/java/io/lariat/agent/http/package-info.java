/**
 * The HTTP API on Quarkus REST, and only its edge: one resource per dialect
 * ({@link io.lariat.agent.http.OpenAiResource}, {@link io.lariat.agent.http.OllamaResource},
 * {@link io.lariat.agent.http.AgentResource}), the response streams and the error mapping. The chat service and the
 * served models live in {@code io.lariat.agent.chat}, beside the agent loop; wire records live in {@code .openai},
 * {@code .ollama} and {@code .agent}.
 */
package io.lariat.agent.http;
