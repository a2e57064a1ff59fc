package io.lariat.cli;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns any exception into the one line the user reads. */
final class ErrorMessages {

    private ErrorMessages() {
    }

    /** The message of {@code e}, or of the I/O failure underneath it, in words. */
    static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        return switch (t) {
            case NoSuchFileException n -> "no such file: " + n.getFile();
            case FileNotFoundException f -> "no such file: " + f.getMessage();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case UnknownHostException u -> "cannot resolve host " + u.getMessage() + " (no network?)";
            case ConnectException c -> "cannot connect: " + (c.getMessage() == null ? "connection refused"
                    : c.getMessage());
            default -> t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                    : t.getMessage();
        };
    }
}
