package io.lariat.tools.builtin.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * Turns the sandbox's refusals that GraalPy does not translate into Python exceptions (a Java
 * {@code SecurityException} for processes and the working directory, an excluded POSIX call for sockets, the
 * refusal to create threads) into a
 * {@code PermissionError} the model can read.
 *
 * <p>Such refusals surface as internal polyglot errors that Python code cannot catch; the context stays usable, so
 * the session keeps its state. Stateless.
 */
final class SandboxRefusal {

    private static final Pattern REFUSAL = Pattern.compile(
            "(?:java\\.lang\\.SecurityException|UnsupportedPosixFeatureException"
                    + "|java\\.lang\\.IllegalStateException(?=: Creating threads)): ([^,.]*)");

    private SandboxRefusal() {
    }

    /** The refusal as a Python error with the user's frames, or empty if {@code e} is not a sandbox refusal. */
    static Optional<PythonError> from(PolyglotException e) {
        Matcher matcher = e.getMessage() == null ? null : REFUSAL.matcher(e.getMessage());
        if (matcher == null || !matcher.find()) {
            return Optional.empty();
        }
        String message = "not permitted in this sandbox (" + matcher.group(1).strip() + ")";
        List<String> lines = new ArrayList<>();
        List<String> frames = userFrames(e);
        if (!frames.isEmpty()) {
            lines.add("Traceback (most recent call last):");
            lines.addAll(frames);
        }
        lines.add("PermissionError: " + message);
        return Optional.of(new PythonError("PermissionError", message, lines));
    }

    // The polyglot stack lists the innermost frame first; Python tracebacks list it last.
    private static List<String> userFrames(PolyglotException e) {
        List<String> lines = new ArrayList<>();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection section = frame.getSourceLocation();
            if (section == null || !section.getSource().getName().startsWith("<cell ")) {
                continue;
            }
            String text = section.getSource().getCharacters(section.getStartLine()).toString().strip();
            List<String> entry = new ArrayList<>(List.of("  File \"%s\", line %d, in %s".formatted(
                    section.getSource().getName(), section.getStartLine(), frame.getRootName())));
            if (!text.isEmpty()) {
                entry.add("    " + text);
            }
            lines.addAll(0, entry);
        }
        return lines;
    }
}
