package io.lariat.agent.chat;

import io.lariat.engine.TokenIds;

import java.util.ArrayList;
import java.util.List;

/**
 * The backend sessions (KV caches) that stateless chat requests of one model take turns on, chosen for prefix reuse.
 *
 * <p>Chat APIs carry no session id, so each request borrows the idle slot whose cached ids share the longest prefix
 * with its prompt: a client that resends a growing conversation lands on the slot that holds it, and the backend
 * evaluates only the new tokens. A request that finds no idle slot gets a new one: admission is the backend's queue,
 * not this pool, so there are never more busy slots than turns the backend admitted. Idle slots beyond
 * {@link #MAX_IDLE} are forgotten, least recently used first (the backend's cache pool frees their caches in its own
 * LRU order). Thread-safe.
 */
final class ChatSlots {
    /** Idle slots kept for prefix reuse. */
    static final int MAX_IDLE = 16;

    private final String prefix;
    private final List<Slot> slots = new ArrayList<>();
    private long clock;
    private long created;

    /** @param model the model name, part of each slot's session id */
    ChatSlots(String model) {
        this.prefix = "chat:" + model + ":";
    }

    /** Borrows the idle slot that best matches {@code prompt} (longest common prefix), else a new one. */
    synchronized Slot acquire(int[] prompt) {
        Slot best = null;
        int bestShared = 0;
        for (Slot slot : slots) {
            int shared = slot.busy ? 0 : TokenIds.commonPrefix(slot.ids, prompt);
            if (shared > bestShared) {
                best = slot;
                bestShared = shared;
            }
        }
        if (best == null) {
            best = new Slot(prefix + created++);
            slots.add(best);
        }
        best.busy = true;
        return best;
    }

    /** Gives the slot back, recording the ids its backend session now holds. */
    synchronized void release(Slot slot, int[] heldIds) {
        slot.ids = heldIds.clone();
        slot.busy = false;
        slot.lastUsed = ++clock;
        while (slots.stream().filter(s -> !s.busy).count() > MAX_IDLE) {
            Slot oldest = null;
            for (Slot s : slots) {
                if (!s.busy && (oldest == null || s.lastUsed < oldest.lastUsed)) {
                    oldest = s;
                }
            }
            slots.remove(oldest);
        }
    }

    /** Slots held, busy or idle. */
    synchronized int size() {
        return slots.size();
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

        /** The session id the backend keys this slot's cache by. */
        String sessionId() {
            return sessionId;
        }
    }
}
