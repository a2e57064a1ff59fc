package io.lariat.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuardedToolTest {

    public static class Misbehaving {
        final AtomicInteger flakyCalls = new AtomicInteger();
        final AtomicInteger unsafeCalls = new AtomicInteger();
        final AtomicInteger remoteCalls = new AtomicInteger();
        final CountDownLatch interrupted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);

        @Tool(value = "Hangs", timeout = "200ms")
        public String hang() {
            try {
                Thread.sleep(60_000);
                return "woke";
            } catch (InterruptedException e) {
                interrupted.countDown();
                return "interrupted";
            }
        }

        @Tool(value = "Never completes", timeout = "200ms")
        public Uni<String> never() {
            return Uni.createFrom().nothing();
        }

        @Tool(value = "Fails twice, then works", idempotent = true)
        public String flaky() {
            if (flakyCalls.incrementAndGet() < 3) {
                throw new IllegalStateException("transient " + flakyCalls.get());
            }
            return "ok after " + flakyCalls.get();
        }

        @Tool("Fails once, not retried")
        public String unsafe() {
            unsafeCalls.incrementAndGet();
            throw new IllegalStateException("kaput");
        }

        @Tool(value = "Remote backend that is down", remote = true)
        public String remote() {
            remoteCalls.incrementAndGet();
            throw new IllegalStateException("connection refused");
        }

        @Tool("Recurses forever")
        public String overflow() {
            return overflow();
        }

        @Tool("Returns a megabyte")
        public String huge() {
            return "é".repeat(512 * 1024);
        }

        @Tool("Waits for release")
        public String gate() throws InterruptedException {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "released";
        }
    }

    private final Misbehaving tools = new Misbehaving();
    private final ToolRegistry registry = ToolRegistry.builder().tools(tools)
            .options(ToolOptions.builder().retryDelay(Duration.ofMillis(10)).breakerWindow(4)
                    .breakerFailureRatio(0.5).breakerDelay(Duration.ofMinutes(1)).maxConcurrentCalls(1)
                    .maxQueuedCalls(1).maxOutputBytes(1024).build())
            .build();

    private ToolResult call(String name) {
        return registry.invoke(name, JsonNodeFactory.instance.objectNode(), ToolContext.standalone())
                .await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void hangingBlockingToolTimesOutAndItsThreadIsInterrupted() throws InterruptedException {
        ToolResult result = call("hang");
        assertEquals("tool 'hang' timed out after 200ms", result.content());
        assertTrue(result.error());
        assertTrue(tools.interrupted.await(5, TimeUnit.SECONDS), "abandoned virtual thread was interrupted");
    }

    @Test
    void timerThreadsDoNotKeepTheJvmAlive() {
        call("hang");
        List<Thread> timers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("SmallRye Fault Tolerance Timer")).toList();
        assertEquals(List.of(true), timers.stream().map(Thread::isDaemon).distinct().toList());
    }

    @Test
    void neverCompletingUniTimesOut() {
        assertEquals(ToolResult.error("tool 'never' timed out after 200ms").content(), call("never").content());
    }

    @Test
    void idempotentToolIsRetried() {
        ToolResult result = call("flaky");
        assertEquals("ok after 3", result.content());
        assertEquals(3, tools.flakyCalls.get());
    }

    @Test
    void nonIdempotentToolIsNotRetried() {
        ToolResult result = call("unsafe");
        assertEquals("tool 'unsafe' failed: IllegalStateException: kaput", result.content());
        assertTrue(result.error());
        assertEquals(1, tools.unsafeCalls.get());
    }

    @Test
    void breakerOpensAfterFailuresAndStopsCallingTheBackend() {
        for (int i = 0; i < 4; i++) {
            assertEquals("tool 'remote' failed: IllegalStateException: connection refused", call("remote").content());
        }
        assertEquals("tool 'remote' is unavailable after repeated failures (circuit breaker open); try again later",
                call("remote").content());
        assertEquals(4, tools.remoteCalls.get());
    }

    @Test
    void stackOverflowBecomesErrorResult() {
        ToolResult result = call("overflow");
        assertTrue(result.error());
        assertEquals("tool 'overflow' failed: java.lang.StackOverflowError", result.content());
    }

    @Test
    void hugeOutputIsCappedAndSaysSo() {
        ToolResult result = call("huge");
        String note = "\n[truncated: the result was 1048576 bytes; the limit is 1024 bytes]";
        assertTrue(result.content().endsWith(note), result.content());
        int bytes = result.content().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= 1024 && bytes > 1024 - 2, "size " + bytes);
        assertEquals("é".repeat((1024 - note.length()) / 2), result.content().substring(0,
                result.content().length() - note.length()));
    }

    @Test
    void bulkheadQueuesOneAndRefusesTheRest() throws InterruptedException {
        var running = registry.invoke("gate", null, ToolContext.standalone()).subscribeAsCompletionStage();
        assertTrue(tools.entered.await(5, TimeUnit.SECONDS));
        var queued = registry.invoke("gate", null, ToolContext.standalone()).subscribeAsCompletionStage();
        ToolResult refused = call("gate");
        assertEquals("tool 'gate' is busy (1 calls running, queue full); try again later", refused.content());
        tools.release.countDown();
        assertEquals(List.of("released", "released"),
                List.of(running.toCompletableFuture().join().content(), queued.toCompletableFuture().join().content()));
    }
}
