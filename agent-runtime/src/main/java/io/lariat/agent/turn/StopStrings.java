package io.lariat.agent.turn;

import java.util.List;

/**
 * Finds client stop strings in streamed text, holding back a tail that may still become one. One instance per
 * generation; not thread-safe.
 */
final class StopStrings {
    private final List<String> stops;
    private final StringBuilder pending = new StringBuilder();

    /** What one piece of text released. */
    record Scan(String safe, boolean stopped) {
    }

    /** @param stops stop strings, none empty */
    StopStrings(List<String> stops) {
        this.stops = List.copyOf(stops);
    }

    /**
     * Adds text; returns what is certain not to belong to a stop string, and whether one appeared (the text from it
     * on is dropped, and nothing is held any more).
     */
    Scan accept(String text) {
        pending.append(text);
        boolean stopped = false;
        for (String stop : stops) {
            int at = pending.indexOf(stop);
            if (at >= 0) {
                pending.setLength(at);
                stopped = true;
            }
        }
        int safe = stopped ? pending.length() : pending.length() - heldTail();
        String out = pending.substring(0, safe);
        pending.delete(0, safe);
        return new Scan(out, stopped);
    }

    /** Releases the held tail: no stop string can complete it any more. */
    String release() {
        String out = pending.toString();
        pending.setLength(0);
        return out;
    }

    /** Length of the longest tail of the pending text that begins some stop string. */
    private int heldTail() {
        int held = 0;
        for (String stop : stops) {
            for (int n = Math.min(stop.length() - 1, pending.length()); n > held; n--) {
                if (pending.substring(pending.length() - n).equals(stop.substring(0, n))) {
                    held = n;
                    break;
                }
            }
        }
        return held;
    }
}
