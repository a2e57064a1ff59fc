package io.lariat.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolContextTest {

    private final List<String> closed = new ArrayList<>();

    record First(List<String> log) implements ToolSessionState {
        @Override
        public void close() {
            log.add("first");
        }
    }

    record Second(List<String> log) implements ToolSessionState {
        @Override
        public void close() {
            log.add("second");
            throw new IllegalStateException("second broke");
        }
    }

    @Test
    void stateIsCreatedOnceAndClosedInReverseOrderEvenWhenOneThrows() {
        ToolContext context = new ToolContext("s");
        First first = context.state(First.class, () -> new First(closed));
        assertSame(first, context.state(First.class, () -> new First(new ArrayList<>())));
        context.state(Second.class, () -> new Second(closed));
        IllegalStateException e = assertThrows(IllegalStateException.class, context::close);
        assertEquals("second broke", e.getMessage());
        assertEquals(List.of("second", "first"), closed);
        context.close();
        assertEquals(List.of("second", "first"), closed);
        IllegalStateException after = assertThrows(IllegalStateException.class,
                () -> context.state(First.class, () -> new First(closed)));
        assertEquals("tool session s is closed", after.getMessage());
    }
}
