package io.lariat.prompts;

import java.util.Objects;

/**
 * The user-supplied system text; at most one per conversation, and only first (spec §2.1).
 *
 * @param content the system text, never null; the formatter adds the tool and date lines around it
 */
public record SystemMessage(String content) implements Message {

    /** Checks the content is present. */
    public SystemMessage {
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String headerRole() {
        return "system";
    }
}
