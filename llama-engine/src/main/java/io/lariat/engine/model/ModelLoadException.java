package io.lariat.engine.model;

import java.nio.file.Path;

/**
 * A GGUF file is readable but is not a model this engine can run: another architecture, missing or misshapen
 * tensors, a tensor type without a kernel, inconsistent hyperparameters.
 *
 * <p>The message names the file, the tensor or metadata key involved (when there is one) and the problem, e.g.
 * {@code model.gguf: tensor blk.0.attn_q.weight: type IQ2_XS is not supported (supported: F32, F16, ...)}.
 */
public final class ModelLoadException extends RuntimeException {
    private final transient Path file;
    private final String subject;
    private final String problem;

    /**
     * @param file    the model file, or {@code null} when not known
     * @param subject the tensor name or metadata key concerned, or {@code null}
     * @param problem what is wrong, in words
     */
    public ModelLoadException(Path file, String subject, String problem) {
        super((file == null ? "model" : file.getFileName()) + ": " + (subject == null ? "" : subject + ": ")
                + problem);
        this.file = file;
        this.subject = subject;
        this.problem = problem;
    }

    /** The model file, or {@code null}. */
    public Path file() {
        return file;
    }

    /** The tensor name or metadata key concerned, or {@code null}. */
    public String subject() {
        return subject;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }
}
