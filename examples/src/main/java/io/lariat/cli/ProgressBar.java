package io.lariat.cli;

import io.lariat.agent.store.PullProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Draws a pull's progress on stderr: one line per step, and for a transfer one bar redrawn in place
 * ({@code pulling sha256:6a0746a1ec1a  42% ▕████      ▏ 1.9 GB/4.7 GB  25 MB/s  1m52s}), at most ten times a second.
 */
final class ProgressBar implements PullProgress {
    private static final int WIDTH = 25;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private long started;
    private long startBytes = -1;
    private long lastDraw;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void status(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void transfer(String label, long done, long total) {
        long now = System.nanoTime();
        if (startBytes < 0) {
            started = now;
            startBytes = done;
        }
        if (now - lastDraw < REDRAW_NANOS && done != total) {
            return;
        }
        lastDraw = now;
        err.print("\r" + line(label, done, total, (done - startBytes) / Math.max(1e-9, (now - started) / 1e9)));
        err.flush();
    }

    @Override
    public void transferEnded(String label) {
        if (startBytes >= 0) {
            err.println();
            err.flush();
        }
        startBytes = -1;
        lastDraw = 0;
    }

    /** One bar: label, percentage, bar, bytes, rate and remaining time. */
    static String line(String label, long done, long total, double bytesPerSecond) {
        if (total <= 0) {
            return String.format(Locale.ROOT, "pulling %s %s  %s/s", label, Sizes.bytes(done),
                    Sizes.bytes((long) bytesPerSecond));
        }
        int percent = (int) (100 * done / total);
        int filled = (int) ((long) WIDTH * done / total);
        String bar = "█".repeat(filled) + " ".repeat(WIDTH - filled);
        long etaSeconds = bytesPerSecond > 0 ? (long) Math.ceil((total - done) / bytesPerSecond) : -1;
        String eta = etaSeconds < 0 ? "?" : GoDuration.format(java.time.Duration.ofSeconds(etaSeconds));
        return String.format(Locale.ROOT, "pulling %s %3d%% ▕%s▏ %s/%s  %s/s  %s", label, percent, bar, Sizes.bytes(done),
                Sizes.bytes(total), Sizes.bytes((long) bytesPerSecond), eta);
    }
}
