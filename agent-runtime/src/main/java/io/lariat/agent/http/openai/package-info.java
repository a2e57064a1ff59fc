/**
 * Wire records of the OpenAI-compatible dialect ({@code /v1/chat/completions}, {@code /v1/models}) and
 * {@link io.lariat.agent.http.openai.OpenAiMapping}, which reads requests into
 * {@link io.lariat.agent.chat.ChatRequest}s and writes {@link io.lariat.agent.chat.ChatEvent}s as OpenAI JSON.
 */
package io.lariat.agent.http.openai;

