package io.lariat.agent.chat;

import java.time.Instant;

/**
 * What the model-listing endpoints ({@code /api/tags}, {@code /api/show}, {@code /v1/models}) say about a model.
 *
 * @param format            file format, {@code gguf}
 * @param family            architecture, e.g. {@code llama}
 * @param parameterSize     parameter count as people write it, e.g. {@code 8.0B}
 * @param quantizationLevel weight type, e.g. {@code Q8_0}
 * @param sizeBytes         size of the model file in bytes
 * @param contextLength     the context the model was trained for, in tokens
 * @param modifiedAt        when the model file was last modified
 * @param template          the chat template the file carries, or null
 * @param license           the license text the file carries, or null
 */
public record ModelDetails(String format, String family, String parameterSize, String quantizationLevel,
                           long sizeBytes, int contextLength, Instant modifiedAt, String template, String license) {
}
