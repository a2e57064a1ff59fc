package io.lariat.tools.builtin.search;

import java.nio.file.Path;

/** Receives progress while a folder is indexed; called on the indexing thread, once per examined file. */
@FunctionalInterface
public interface IndexProgress {

    /** Ignores progress. */
    IndexProgress NONE = (done, total, file, changed) -> { };

    /**
     * Reports one examined file.
     *
     * @param done files examined so far, including this one
     * @param total files to examine
     * @param file the file just examined
     * @param changed whether it was (re)indexed, as opposed to unchanged since the last run
     */
    void onFile(int done, int total, Path file, boolean changed);
}
