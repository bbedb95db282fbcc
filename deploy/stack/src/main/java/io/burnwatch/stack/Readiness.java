package io.burnwatch.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for the streams app's readiness endpoint to answer 200. */
final class Readiness {

    private static final Duration POLL_EVERY = Duration.ofMillis(250);

    private Readiness() {
    }

    /**
     * @return false if {@code stopRequested} became true first
     * @throws StackFailure if the app exits or the timeout passes first
     */
    static boolean await(URI ready, JavaProcess app, Duration timeout, BooleanSupplier stopRequested)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stopRequested.getAsBoolean()) {
            if (!app.isAlive()) {
                throw StackFailure.of(app, "The streams app exited with code " + app.exitCode() + " before it was ready");
            }
            if (answersOk(http, request)) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                throw StackFailure.of(app, "The streams app was not ready within " + timeout.toSeconds() + " s ("
                        + ready + ")");
            }
            Thread.sleep(POLL_EVERY.toMillis());
        }
        return false;
    }

    private static boolean answersOk(HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }
}
