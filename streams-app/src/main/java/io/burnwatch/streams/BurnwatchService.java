package io.burnwatch.streams;

import io.burnwatch.serde.AvroLimits;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.http.Access;
import io.burnwatch.streams.http.BearerTokens;
import io.burnwatch.streams.http.HealthServer;
import io.burnwatch.streams.http.HttpAnswer;
import io.burnwatch.streams.http.HttpBinding;
import io.burnwatch.streams.http.StreamsStatus;
import io.burnwatch.streams.query.AdvertisedServer;
import io.burnwatch.streams.query.ClusterQueries;
import io.burnwatch.streams.query.LocalQueries;
import io.burnwatch.streams.query.QueryHandler;
import io.burnwatch.streams.query.QueryStores;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.burnwatch.streams.metrics.ConventionalNames;
import io.burnwatch.streams.metrics.DefaultScrape;
import io.burnwatch.streams.metrics.StreamsMeters;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import io.burnwatch.streams.topology.BurnwatchTopology;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running burnwatch: the Kafka Streams topology plus its health, status and metrics and query endpoints. */
public final class BurnwatchService implements AutoCloseable {

    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_THREAD_REPLACEMENTS = 3;
    static final Duration THREAD_REPLACEMENT_WINDOW = Duration.ofMinutes(10);

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(BurnwatchService.class);

    private final KafkaStreams streams;
    private final BurnwatchMetrics metrics;
    private final StreamsMeters meters;
    private final HealthServer http;
    private final CountDownLatch stopped;
    private final StreamThreadPolicy threads;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BurnwatchService(KafkaStreams streams, BurnwatchMetrics metrics, StreamsMeters meters, HealthServer http,
                             CountDownLatch stopped, StreamThreadPolicy threads) {
        this.streams = streams;
        this.metrics = metrics;
        this.meters = meters;
        this.http = http;
        this.stopped = stopped;
        this.threads = threads;
    }

    /**
     * Builds the topology, binds the HTTP endpoints and starts processing; returns without waiting for Kafka
     * Streams to reach RUNNING (watch {@link #state()} or {@code /health/ready}).
     *
     * @throws ConfigException if the HTTP address cannot be bound, or is beyond loopback without a token
     */
    public static BurnwatchService start(BurnwatchConfig config) {
        BearerTokens tokens = HttpBinding.tokens(config.httpHost(), config.httpAuthTokens(), config.httpPeerToken());
        if (!AvroLimits.apply()) {
            LOG.warn("avro_limits_not_applied: Avro read its length limits before burnwatch set them");
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new ConventionalNames());
        if (!config.metricsDetail()) {
            registry.config().meterFilter(new DefaultScrape());
        }
        BurnwatchMetrics metrics = new BurnwatchMetrics(registry);
        // The HTTP endpoint is bound first: its port is what the other instances are told (application.server).
        AtomicReference<KafkaStreams> created = new AtomicReference<>();
        StreamThreadPolicy threads =
                new StreamThreadPolicy(MAX_THREAD_REPLACEMENTS, THREAD_REPLACEMENT_WINDOW, System::currentTimeMillis);
        HealthServer http;
        try {
            http = HealthServer.start(config.httpHost(), config.httpPort(), config.httpLimits(), tokens,
                            () -> StreamsStatus.of(created.get(), metrics, threads.threadRecentlyLost()))
                    .route("/metrics", Access.OPEN, call -> new HttpAnswer(200, PROMETHEUS_TEXT, registry.scrape(), Map.of()));
        } catch (IOException e) {
            registry.close();
            throw new ConfigException("Cannot serve HTTP on " + config.httpHost() + ":" + config.httpPort() + " ("
                    + e.getMessage() + "): pick a free port with --http-port, or another address with --http-host");
        }
        HostInfo self;
        KafkaStreams streams;
        StreamsMeters meters;
        try {
            self = AdvertisedServer.of(config, http.port());
            Properties properties = metrics.addTo(config.streamsProperties());
            properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, AdvertisedServer.endpoint(self));
            streams = new KafkaStreams(BurnwatchTopology.build(config, BurnwatchSerdes.from(config)), properties);
            meters = StreamsMeters.bind(streams, registry);
        } catch (RuntimeException e) {
            http.close();
            registry.close();
            throw e;
        }
        created.set(streams);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setUncaughtExceptionHandler(threads);
        streams.setStateListener((now, before) -> {
            LOG.info("streams_state from={} to={}", before, now);
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        QueryHandler queries = new QueryHandler(new ClusterQueries(streams, self, new LocalQueries(QueryStores.of(streams),
                Clock.systemUTC(), (int) config.idleWindow().toMinutes()), config.leaderboardMinGroup(),
                config.httpPeerToken()));
        QueryHandler.PATHS.forEach((path, access) -> http.route(path, access, queries));
        streams.start();
        LOG.info("burnwatch {} started: {} + {} -> {}, {}, {}, {}, {}; bootstrap {}; health, status and metrics on {}",
                config.applicationId(), config.usageTopic(), config.outcomesTopic(), config.alertsTopic(),
                config.rollups1mTopic(), config.rollups1hTopic(), config.rollups1dTopic(), config.lateTopic(),
                config.bootstrapServers(), http.url());
        return new BurnwatchService(streams, metrics, meters, http, stopped, threads);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public StreamsStatus status() {
        return StreamsStatus.of(streams, metrics, threads.threadRecentlyLost());
    }

    /** Base URL of the health, status and metrics endpoints, e.g. {@code http://127.0.0.1:8080}. */
    public String httpUrl() {
        return http.url();
    }

    /** Blocks until Kafka Streams stops, by {@link #close()} or an error, and returns its final state. */
    public KafkaStreams.State awaitStop() throws InterruptedException {
        stopped.await();
        return streams.state();
    }

    /** Like {@link #awaitStop()}, giving up after {@code timeout}; returns whether it stopped. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops processing (committing what was processed) and the HTTP endpoints; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // Leaving the group lets a restarted instance take its tasks back at once instead of after the
            // previous member's session timeout.
            if (!streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT))) {
                LOG.warn("streams_close_timeout timeout={}", CLOSE_TIMEOUT);
            }
        } finally {
            http.close();
            meters.close();
            metrics.registry().close();
        }
    }
}
