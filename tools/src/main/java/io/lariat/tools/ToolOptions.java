package io.lariat.tools;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits applied to every tool call in a registry.
 *
 * @param timeout default per-call time limit (a tool may set its own with {@link Tool#timeout()})
 * @param maxOutputBytes results longer than this many UTF-8 bytes are cut, and the result says so
 * @param maxRetries extra attempts for failed idempotent tools
 * @param retryDelay pause before each retry
 * @param maxConcurrentCalls calls of one tool running at once (bulkhead)
 * @param maxQueuedCalls calls of one tool waiting for a slot; more are refused at once
 * @param breakerDelay how long an open circuit breaker of a remote tool refuses calls
 * @param breakerWindow number of recent calls of a remote tool over which the failure ratio is measured
 * @param breakerFailureRatio failure ratio within the window that opens the breaker
 */
public record ToolOptions(Duration timeout, int maxOutputBytes, int maxRetries, Duration retryDelay,
                          int maxConcurrentCalls, int maxQueuedCalls, Duration breakerDelay, int breakerWindow,
                          double breakerFailureRatio) {

    /** Validates the values. */
    public ToolOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(breakerDelay, "breakerDelay");
        require(timeout.isPositive(), "timeout must be positive");
        require(maxOutputBytes >= 256, "maxOutputBytes must be at least 256");
        require(maxRetries >= 0, "maxRetries must not be negative");
        require(maxConcurrentCalls >= 1, "maxConcurrentCalls must be at least 1");
        require(maxQueuedCalls >= 1, "maxQueuedCalls must be at least 1");
        require(breakerWindow >= 1, "breakerWindow must be at least 1");
        require(breakerFailureRatio > 0 && breakerFailureRatio <= 1, "breakerFailureRatio must be in (0, 1]");
    }

    /** The defaults: 30 s timeout, 16 KiB output, 2 retries after 200 ms, 8 concurrent and 32 queued calls. */
    public static ToolOptions defaults() {
        return builder().build();
    }

    /** These options with another per-call timeout. */
    public ToolOptions withTimeout(Duration value) {
        return new ToolOptions(value, maxOutputBytes, maxRetries, retryDelay, maxConcurrentCalls, maxQueuedCalls,
                breakerDelay, breakerWindow, breakerFailureRatio);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builder for {@link ToolOptions}; not thread-safe. */
    public static final class Builder {
        private Duration timeout = Duration.ofSeconds(30);
        private int maxOutputBytes = 16 * 1024;
        private int maxRetries = 2;
        private Duration retryDelay = Duration.ofMillis(200);
        private int maxConcurrentCalls = 8;
        private int maxQueuedCalls = 32;
        private Duration breakerDelay = Duration.ofSeconds(30);
        private int breakerWindow = 10;
        private double breakerFailureRatio = 0.5;

        private Builder() {
        }

        /** Default per-call time limit. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** Result size limit in UTF-8 bytes. */
        public Builder maxOutputBytes(int value) {
            this.maxOutputBytes = value;
            return this;
        }

        /** Extra attempts for failed idempotent tools. */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        /** Pause before each retry. */
        public Builder retryDelay(Duration value) {
            this.retryDelay = value;
            return this;
        }

        /** Calls of one tool running at once. */
        public Builder maxConcurrentCalls(int value) {
            this.maxConcurrentCalls = value;
            return this;
        }

        /** Calls of one tool waiting for a slot. */
        public Builder maxQueuedCalls(int value) {
            this.maxQueuedCalls = value;
            return this;
        }

        /** How long an open breaker refuses calls. */
        public Builder breakerDelay(Duration value) {
            this.breakerDelay = value;
            return this;
        }

        /** Calls over which a remote tool's failure ratio is measured. */
        public Builder breakerWindow(int value) {
            this.breakerWindow = value;
            return this;
        }

        /** Failure ratio that opens the breaker. */
        public Builder breakerFailureRatio(double value) {
            this.breakerFailureRatio = value;
            return this;
        }

        /** The options; throws {@link IllegalArgumentException} on invalid values. */
        public ToolOptions build() {
            return new ToolOptions(timeout, maxOutputBytes, maxRetries, retryDelay, maxConcurrentCalls,
                    maxQueuedCalls, breakerDelay, breakerWindow, breakerFailureRatio);
        }
    }
}
