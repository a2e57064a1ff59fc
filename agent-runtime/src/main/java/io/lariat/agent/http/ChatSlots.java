package io.lariat.agent.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The backend sessions (KV caches) that stateless chat requests of one model take turns on, chosen for prefix reuse.
 *
 * <p>Chat APIs carry no session id, so each request borrows the idle slot whose cached ids share the longest prefix
 * with its prompt: a client that resends a growing conversation lands on the slot that holds it, and the backend
 * evaluates only the new tokens. At most {@code maxSlots} slots exist; the caller ({@link GenerationGate}) admits no
 * more concurrent requests than that, so an idle slot always exists. Thread-safe.
 */
final class ChatSlots {
    private final String prefix;
    private final int maxSlots;
    private final List<Slot> slots = new ArrayList<>();
    private long clock;

    /**
     * @param model    the model name, part of each slot's session id
     * @param maxSlots slots at most; at least 1
     */
    ChatSlots(String model, int maxSlots) {
        this.prefix = "chat:" + model + ":";
        this.maxSlots = maxSlots;
    }

    /**
     * Borrows the idle slot that best matches {@code prompt}: longest common prefix, else a new slot, else the least
     * recently used.
     *
     * @throws IllegalStateException when every slot is busy (the gate admitted too many requests)
     */
    synchronized Slot acquire(int[] prompt) {
        Slot best = null;
        int bestShared = 0;
        Slot oldest = null;
        for (Slot slot : slots) {
            if (slot.busy) {
                continue;
            }
            int shared = commonPrefix(slot.ids, prompt);
            if (shared > bestShared) {
                best = slot;
                bestShared = shared;
            }
            if (oldest == null || slot.lastUsed < oldest.lastUsed) {
                oldest = slot;
            }
        }
        if (best == null && slots.size() < maxSlots) {
            best = new Slot(prefix + slots.size());
            slots.add(best);
        }
        Slot chosen = best != null ? best : oldest;
        if (chosen == null) {
            throw new IllegalStateException("all " + maxSlots + " chat slots are busy");
        }
        chosen.busy = true;
        return chosen;
    }

    /** Gives the slot back, recording the ids its backend session now holds. */
    synchronized void release(Slot slot, int[] heldIds) {
        slot.ids = heldIds.clone();
        slot.busy = false;
        slot.lastUsed = ++clock;
    }

    /** Length of the longest common prefix of two id lists. */
    static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    /** One backend session; its fields are guarded by the owning {@link ChatSlots}. */
    static final class Slot {
        private final String sessionId;
        private int[] ids = new int[0];
        private boolean busy;
        private long lastUsed;

        private Slot(String sessionId) {
            this.sessionId = sessionId;
        }

        /** The ids the backend session held when the slot was last released. */
        int[] heldIds() {
            return ids.clone();
        }

        /** The session id the backend keys this slot's cache by. */
        String sessionId() {
            return sessionId;
        }
    }
}
