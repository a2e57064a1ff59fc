package io.lariat.tools.builtin.search;

import java.time.Duration;

/**
 * What one indexing run changed.
 *
 * @param added documents new to the index
 * @param updated documents re-indexed because they changed
 * @param removed documents deleted because their file is gone
 * @param unchanged documents skipped because they had not changed
 * @param elapsed wall time of the run
 */
public record IndexUpdate(int added, int updated, int removed, int unchanged, Duration elapsed) {
}
