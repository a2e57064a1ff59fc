package io.lariat.tools.builtin.python;

/**
 * One reading of the JVM heap for the memory limit: what is retained now, and how much collections have released
 * from the retained pools so far.
 *
 * <p>The difference of two samples, {@code retained} growth plus {@code released} growth, is what entered the
 * retained pools in between (large objects, promoted survivors), whether or not a collection meanwhile reclaimed
 * older garbage: the retained figure alone would hide a new 500 MiB object behind 500 MiB of reclaimed garbage.
 *
 * @param retainedBytes heap in use outside eden
 * @param releasedBytes bytes collections released from the pools outside eden and survivors, cumulative
 */
record HeapSample(long retainedBytes, long releasedBytes) {

    /** Bytes that entered the retained pools between {@code earlier} and this sample. */
    long growthSince(HeapSample earlier) {
        return retainedBytes - earlier.retainedBytes + releasedBytes - earlier.releasedBytes;
    }
}
