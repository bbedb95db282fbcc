package io.burnwatch.sim.receiver;

import io.burnwatch.schema.UsageEvent;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.publish.EventSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends usage and outcomes the way a company's agents and repositories reach burnwatch: through its HTTP receiver.
 * Usage is buffered per user and POSTed to {@code /v1/logs} as Claude Code's OTLP log batches
 * ({@link ClaudeCodeLogs}, {@code application/x-protobuf}, {@code Authorization: Bearer <token>}), one request per
 * user per send tick: when {@link #FLUSH_EVERY} of wall time has passed, when {@link #MAX_BUFFERED} calls wait, before
 * any outcome (so a user's outcome never overtakes the calls before it) and on close. Each outcome is POSTed at once
 * to {@code /webhooks/github} as a signed GitHub delivery ({@link GithubDeliveries}). Ground truth is not the
 * receiver's business: it goes to {@code truth}, the Kafka sink.
 *
 * <p>Overload answers (429, 503) are retried with a growing pause; any other answer than 2xx stops the run, naming
 * the endpoint and status.
 */
public final class ReceiverSink implements EventSink {

    static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    static final int MAX_BUFFERED = 2_000;
    private static final int ATTEMPTS = 6;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI logs;
    private final URI github;
    private final ReceiverCredentials credentials;
    private final EventSink truth;
    private final Clock wall;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, List<UsageEvent>> buffered = new LinkedHashMap<>();
    private int bufferedCount;
    private Instant lastFlush;
    private long requests;

    public ReceiverSink(URI base, ReceiverCredentials credentials, EventSink truth, Clock wall) {
        String root = base.toString().replaceAll("/+$", "");
        this.logs = URI.create(root + "/v1/logs");
        this.github = URI.create(root + "/webhooks/github");
        this.credentials = credentials;
        this.truth = truth;
        this.wall = wall;
        this.lastFlush = wall.instant();
    }

    @Override
    public void send(SimEvent event) {
        if (event instanceof SimEvent.Usage usage) {
            buffered.computeIfAbsent(usage.userId(), user -> new ArrayList<>()).add(usage.event());
            bufferedCount++;
            if (bufferedCount >= MAX_BUFFERED || !wall.instant().isBefore(lastFlush.plus(FLUSH_EVERY))) {
                flush();
            }
        } else if (event instanceof SimEvent.Outcome outcome) {
            flush();
            GithubDeliveries.Delivery delivery = GithubDeliveries.of(outcome.event());
            post(HttpRequest.newBuilder(github)
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", delivery.event())
                    .header("X-GitHub-Delivery", delivery.id())
                    .header("X-Hub-Signature-256", GithubDeliveries.signature(
                            credentials.githubSecret().getBytes(StandardCharsets.UTF_8), delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())), github);
        } else {
            truth.send(event);
        }
    }

    /** POSTs each user's buffered calls as one batch. */
    public void flush() {
        for (List<UsageEvent> calls : buffered.values()) {
            byte[] batch = ClaudeCodeLogs.batch(calls).toByteArray();
            post(HttpRequest.newBuilder(logs)
                    .header("Content-Type", "application/x-protobuf")
                    .header("Authorization", "Bearer " + credentials.token())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(batch)), logs);
        }
        buffered.clear();
        bufferedCount = 0;
        lastFlush = wall.instant();
    }

    /** Requests made so far. */
    public long requests() {
        return requests;
    }

    private void post(HttpRequest.Builder request, URI uri) {
        HttpRequest built = request.timeout(TIMEOUT).build();
        long pauseMs = 100;
        for (int attempt = 1; ; attempt++) {
            int status;
            try {
                status = http.send(built, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot reach the receiver at " + uri + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending to " + uri, e);
            }
            requests++;
            if (status / 100 == 2) {
                return;
            }
            if ((status == 429 || status == 503) && attempt < ATTEMPTS) {
                sleep(pauseMs);
                pauseMs *= 2;
                continue;
            }
            throw new IllegalStateException("The receiver at " + uri + " answered " + status
                    + (status == 401 || status == 403 ? ": check --receiver-token-file" : ""));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry", e);
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            truth.close();
        }
    }
}
