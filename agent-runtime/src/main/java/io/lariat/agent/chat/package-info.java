/**
 * Stateless chat generation for the OpenAI and Ollama dialects, beside the agent loop and on the same
 * {@link io.lariat.agent.turn.ModelTurn}: the entry type is {@link io.lariat.agent.chat.ChatService}; the models the
 * server answers for are registered in {@link io.lariat.agent.chat.ServedModels}.
 */
package io.lariat.agent.chat;
