/**
 * The Llama 3.1 chat and tool-call format. Entry types: the sealed {@link io.lariat.prompts.Message} model,
 * {@link io.lariat.prompts.ChatFormat} (native rendering to token ids or text), {@link io.lariat.prompts.ChatTemplate}
 * (the model's own Jinja chat template), {@link io.lariat.prompts.OpenAiMessages} (OpenAI-style JSON mapping).
 * Parsing lives in {@code .parse}, validation in {@code .validate}.
 */
package io.lariat.prompts;
