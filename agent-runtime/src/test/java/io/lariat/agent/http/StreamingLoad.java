package io.lariat.agent.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small load program: {@code clients} concurrent streaming {@code /v1/chat/completions} requests, each read
 * event by event, measuring time to first content token and overall requests per second. Runs against any server:
 * {@code java StreamingLoad http://localhost:8080/ tiny-llama31-q8_0 32 16}.
 */
final class StreamingLoad {

    /**
     * The outcome of one client.
     *
     * @param status          HTTP status
     * @param chunks          {@code data:} events before {@code [DONE]}
     * @param done            whether the stream ended with {@code data: [DONE]}
     * @param finishReason    the finish chunk's reason, or null
     * @param timeToFirstByte time from sending to the first content event (or to the end when there was none)
     */
    record ClientResult(int status, int chunks, boolean done, String finishReason, Duration timeToFirstByte) {
    }

    /** Every client's outcome and the wall-clock time of the whole run. */
    record Report(List<ClientResult> clients, Duration wall) {
        double requestsPerSecond() {
            return clients.size() / (wall.toNanos() / 1e9);
        }

        Duration ttftPercentile(double p) {
            List<Duration> sorted = new ArrayList<>(clients.stream().map(ClientResult::timeToFirstByte).toList());
            Collections.sort(sorted);
            return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
        }

        String summary() {
            return String.format(Locale.ROOT, "%d streaming clients: %.2f requests/s, wall %d ms, "
                            + "time to first token p50 %d ms, p95 %d ms, max %d ms", clients.size(),
                    requestsPerSecond(), wall.toMillis(), ttftPercentile(0.5).toMillis(),
                    ttftPercentile(0.95).toMillis(), ttftPercentile(1.0).toMillis());
        }
    }

    private StreamingLoad() {
    }

    /** Runs {@code clients} concurrent streams of at most {@code maxTokens} tokens each. */
    static Report run(URI base, String model, int clients, int maxTokens) {
        String body = """
                {"model": "%s", "stream": true, "max_tokens": %d, "temperature": 0,
                 "messages": [{"role": "user", "content": "Tell me a story about a llama."}]}"""
                .formatted(model, maxTokens);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<CompletableFuture<ClientResult>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> stream(client, request), threads));
            }
            List<ClientResult> results = futures.stream().map(CompletableFuture::join).toList();
            return new Report(results, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static ClientResult stream(HttpClient client, HttpRequest request) {
        long sent = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                return read(response.statusCode(), lines, sent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ClientResult read(int status, BufferedReader lines, long sent) throws IOException {
        int chunks = 0;
        boolean done = false;
        String finish = null;
        long firstContent = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.startsWith("data: ")) {
                continue;
            }
            String data = line.substring(6);
            if (data.equals("[DONE]")) {
                done = true;
                continue;
            }
            chunks++;
            var json = SseFrames.parse(data);
            if (firstContent == 0 && !json.at("/choices/0/delta/content").asText("").isEmpty()) {
                firstContent = System.nanoTime();
            }
            if (json.at("/choices/0/finish_reason").isTextual()) {
                finish = json.at("/choices/0/finish_reason").asText();
            }
        }
        long first = firstContent != 0 ? firstContent : System.nanoTime();
        return new ClientResult(status, chunks, done, finish, Duration.ofNanos(first - sent));
    }

    /** {@code StreamingLoad BASE_URL MODEL [CLIENTS] [MAX_TOKENS]}: prints the report. */
    public static void main(String[] args) {
        Report report = run(URI.create(args[0]), args[1], args.length > 2 ? Integer.parseInt(args[2]) : 32,
                args.length > 3 ? Integer.parseInt(args[3]) : 16);
        System.out.println(report.summary());
    }
}
