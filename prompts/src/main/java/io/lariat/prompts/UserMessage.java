package io.lariat.prompts;

import java.util.Objects;

/**
 * A user turn.
 *
 * @param content the user's text, never null; always encoded as ordinary text, so special-token names typed by a
 *                user never become special ids
 */
public record UserMessage(String content) implements Message {

    /** Checks the content is present. */
    public UserMessage {
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String headerRole() {
        return "user";
    }
}
