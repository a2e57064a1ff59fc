package io.lariat.cli;

/** The {@code --no-mmap} option of the commands that load a model (llama.cpp's option of the same name). */
final class EngineMmap {
    /** The option's help text. */
    static final String DESCRIPTION = "Read the weights into the process's memory at load instead of mapping them: "
            + "loading takes longer, and the weights cannot be evicted and faulted back in while decoding.";

    private EngineMmap() {
    }
}
