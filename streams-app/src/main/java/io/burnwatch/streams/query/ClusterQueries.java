package io.burnwatch.streams.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.burnwatch.streams.idle.IdleStores;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers across the instances of one application.id, each known by its {@code application.server}: a user is
 * answered by the instance whose task owns the user's partition (others forward the request there and pass the
 * answer on as it came); open alerts and the leaderboard are gathered from every instance's internal endpoints.
 */
public final class ClusterQueries {

    /** Marks a forwarded request: its receiver answers it itself or not at all, so requests never go round. */
    static final String FORWARDED = "X-Burnwatch-Forwarded";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final TypeReference<List<AlertView>> ALERTS = new TypeReference<>() { };
    private static final TypeReference<Leaderboard.Part> PART = new TypeReference<>() { };

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalQueries local;
    private final int minGroup;
    private final String peerToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public ClusterQueries(KafkaStreams streams, HostInfo self, LocalQueries local, int minGroup) {
        this(streams, self, local, minGroup, null);
    }

    /** @param peerToken the bearer token sent to the other instances; null when they need none */
    public ClusterQueries(KafkaStreams streams, HostInfo self, LocalQueries local, int minGroup, String peerToken) {
        this.streams = streams;
        this.self = self;
        this.local = local;
        this.minGroup = minGroup;
        this.peerToken = peerToken == null || peerToken.isBlank() ? null : peerToken;
    }

    LocalQueries local() {
        return local;
    }

    Answer user(String userId, boolean forwarded) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(IdleStores.SESSIONS, userId, new StringSerializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw QueryException.unavailable("Which instance holds user " + userId + " is not known yet (state "
                    + streams.state() + ")");
        }
        if (owner.activeHost().equals(self)) {
            return local.user(userId, owner.partition()).map(Answer::ok).orElseThrow(() -> QueryException.notFound(
                    "Unknown user " + userId + ": no call, outcome or open alert of theirs today"));
        }
        if (forwarded) {
            throw QueryException.unavailable("User " + userId + " moved to " + owner.activeHost() + " while rebalancing");
        }
        return get(owner.activeHost(), "/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    OpenAlerts openAlerts() {
        List<AlertView> open = new ArrayList<>();
        for (HostInfo host : instances()) {
            open.addAll(host.equals(self) ? local.openAlerts() : QueryJson.read(ok(host, "/internal/alerts"), ALERTS));
        }
        open.sort(Comparator.comparing(AlertView::openedAt).reversed().thenComparing(AlertView::alertId));
        return new OpenAlerts(open.size(), open);
    }

    Leaderboard leaderboard(Ranking by, int limit) {
        LocalDate day = local.today();
        List<Leaderboard.Part> parts = new ArrayList<>();
        for (HostInfo host : instances()) {
            parts.add(host.equals(self) ? local.leaderboard(day, by, limit) : QueryJson.read(ok(host,
                    "/internal/leaderboard?day=" + day + "&by=" + by.parameter() + "&limit=" + limit), PART));
        }
        return Leaderboard.merge(day, by, limit, minGroup, parts);
    }

    /** Every instance of the application, once all partitions are assigned. */
    private Collection<HostInfo> instances() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw QueryException.unavailable("Kafka Streams is " + streams.state() + ", not RUNNING");
        }
        return streams.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo).distinct().toList();
    }

    private String ok(HostInfo host, String path) {
        Answer answer = get(host, path);
        if (answer.status() != 200) {
            throw QueryException.unavailable("Instance " + host.host() + ":" + host.port() + " answered "
                    + answer.status() + " to " + path);
        }
        return answer.json();
    }

    private Answer get(HostInfo host, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path))
                .header(FORWARDED, "true").timeout(TIMEOUT).GET();
        if (peerToken != null) {
            builder.header("Authorization", "Bearer " + peerToken);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw QueryException.unavailable("Instance " + host.host() + ":" + host.port() + " did not answer ("
                    + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw QueryException.unavailable("Interrupted while asking " + host.host() + ":" + host.port());
        }
    }

    /** The open alerts of every instance, newest first. */
    public record OpenAlerts(int count, List<AlertView> alerts) {
    }
}
