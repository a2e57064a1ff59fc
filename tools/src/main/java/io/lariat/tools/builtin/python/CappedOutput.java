package io.lariat.tools.builtin.python;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One captured guest stream (stdout or stderr) that keeps at most {@code capBytes} bytes per run.
 *
 * <p>Thread-safe: the guest writes from the executing thread while the session reads after the run. Bytes past the
 * cap are counted as dropped, never stored, so a print loop cannot grow the heap through its output.
 */
final class CappedOutput extends OutputStream {

    private final int capBytes;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean truncated;

    CappedOutput(int capBytes) {
        this.capBytes = capBytes;
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < capBytes) {
            kept.write(b);
        } else {
            truncated = true;
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int room = Math.max(0, capBytes - kept.size());
        kept.write(bytes, offset, Math.min(room, length));
        if (length > room) {
            truncated = true;
        }
    }

    /** Forgets what earlier runs wrote. */
    synchronized void reset() {
        kept.reset();
        truncated = false;
    }

    /** Whether bytes were dropped since the last reset. */
    synchronized boolean truncated() {
        return truncated;
    }

    /**
     * The text kept since the last reset. When bytes were dropped, a character cut in half at the cap is removed and
     * a line saying so is appended, so the reader (often a model) knows the output is incomplete.
     */
    synchronized String text() {
        String text = kept.toString(StandardCharsets.UTF_8);
        if (!truncated) {
            return text;
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\uFFFD') {
            end--;
        }
        return truncationNote(text.substring(0, end), capBytes);
    }

    /** Appends the marker for output cut at {@code capBytes}. */
    static String truncationNote(String kept, int capBytes) {
        String separator = kept.isEmpty() || kept.endsWith("\n") ? "" : "\n";
        return kept + separator + "[output truncated: only the first " + capBytes + " bytes are shown]";
    }
}
