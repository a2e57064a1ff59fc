package io.lariat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lariat ps}: the models a running server has loaded ({@code /api/ps}), laid out as {@code ollama ps}. */
@Command(name = "ps", description = "List the models a running server has loaded (LARIAT_HOST, default "
        + ServerConnection.DEFAULT_HOST + ").")
final class PsCommand implements Callable<Integer> {
    private static final String ROW = "%-40s %-14s %-10s %-10s %-9s %s%n";

    @ParentCommand
    LariatCli root;

    /** The clock {@code UNTIL} counts from (a test fixes it). */
    Supplier<Instant> now = Instant::now;

    @Override
    public Integer call() {
        JsonNode ps = ServerConnection.require(root.console().env()).get("/api/ps");
        PrintWriter out = root.console().out();
        out.printf(ROW, "NAME", "ID", "SIZE", "PROCESSOR", "CONTEXT", "UNTIL");
        for (JsonNode m : ps.path("models")) {
            String digest = m.path("digest").asText("").replaceFirst("^sha256:", "");
            out.printf(ROW, m.path("name").asText(m.path("model").asText()),
                    digest.substring(0, Math.min(12, digest.length())), Sizes.bytes(m.path("size").asLong()),
                    processor(m), m.path("context_length").asText("-"), until(m.path("expires_at").asText("")));
        }
        return 0;
    }

    /** {@code 100% CPU} unless the server reports memory on a GPU. */
    private static String processor(JsonNode m) {
        long size = m.path("size").asLong();
        long vram = m.path("size_vram").asLong();
        if (vram <= 0 || size <= 0) {
            return "100% CPU";
        }
        return vram >= size ? "100% GPU" : (100 * (size - vram) / size) + "%/" + (100 * vram / size) + "% CPU/GPU";
    }

    /** {@code 4 minutes from now}, {@code Forever} or {@code Stopping...}, as Ollama words it. */
    String until(String expiresAt) {
        Instant expires;
        try {
            expires = OffsetDateTime.parse(expiresAt).toInstant();
        } catch (DateTimeParseException e) {
            return "Forever";
        }
        Duration left = Duration.between(now.get(), expires);
        if (left.toDays() > 365 * 100) {
            return "Forever";
        }
        return left.isNegative() ? "Stopping..." : human(left) + " from now";
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 1) {
            return "Less than a second";
        } else if (s < 60) {
            return s == 1 ? "1 second" : s + " seconds";
        } else if (s < 120) {
            return "About a minute";
        } else if (d.toMinutes() < 60) {
            return d.toMinutes() + " minutes";
        } else if (d.toMinutes() < 120) {
            return "About an hour";
        } else if (d.toHours() < 48) {
            return d.toHours() + " hours";
        }
        return d.toDays() + " days";
    }
}
