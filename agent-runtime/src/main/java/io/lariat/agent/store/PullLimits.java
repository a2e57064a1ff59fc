package io.lariat.agent.store;

import java.time.Duration;

/**
 * How long and how much a pull may take, so that no registry, however slow or hostile, can hold it forever or fill
 * the memory or the disk.
 *
 * @param idleTimeout       longest wait for a response, or between two reads of a body
 * @param maxManifestBytes  largest manifest accepted (real ones are a few KB)
 * @param blobGrace         the fixed part of a blob's deadline (connecting, slow start)
 * @param minBytesPerSecond the slowest average rate a blob's deadline allows: a blob of {@code n} bytes must arrive
 *                          within {@code blobGrace + n / minBytesPerSecond}
 */
public record PullLimits(Duration idleTimeout, long maxManifestBytes, Duration blobGrace, long minBytesPerSecond) {

    /** 30 s idle, 4 MiB manifests, each blob within 1 min plus its size at 256 KiB/s. */
    public static final PullLimits DEFAULT = new PullLimits(Duration.ofSeconds(30), 4L << 20, Duration.ofMinutes(1),
            256L << 10);

    /** Checks the values. */
    public PullLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || blobGrace.isNegative() || maxManifestBytes <= 0
                || minBytesPerSecond <= 0) {
            throw new IllegalArgumentException("pull limits must be positive");
        }
    }

    /** These limits with another idle timeout. */
    public PullLimits withIdleTimeout(Duration idle) {
        return new PullLimits(idle, maxManifestBytes, blobGrace, minBytesPerSecond);
    }

    /** The whole time a blob of {@code bytes} bytes may take. */
    public Duration blobDeadline(long bytes) {
        return blobGrace.plusMillis(Math.max(0, bytes) * 1000 / minBytesPerSecond);
    }
}
