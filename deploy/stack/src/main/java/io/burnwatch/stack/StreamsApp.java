package io.burnwatch.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The streams app as the stacks run it: {@code BurnwatchApp} in a child JVM, its endpoints on 127.0.0.1, creating
 * its topics and loading the default prices if they are missing.
 */
final class StreamsApp {

    private static final String MAIN_CLASS = "io.burnwatch.streams.BurnwatchApp";
    private static final long STOP_SECONDS = 30;

    private StreamsApp() {
    }

    /**
     * Starts an instance without waiting for it to be ready (see {@link #ready}).
     *
     * @param jvmOptions options of its JVM, e.g. its heap
     * @param settings further settings, passed as {@code -D key=value}
     */
    static JavaProcess start(String name, List<String> jvmOptions, String bootstrapServers, String registryUrl,
                             int httpPort, Path stateDir, Path log, Map<String, String> settings) throws IOException {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrapServers,
                "--schema-registry-url", registryUrl,
                "--http-host", StackServices.HOST, "--http-port", Integer.toString(httpPort),
                "--state-dir", stateDir.toString(), "--create-topics", "--load-default-prices"));
        settings.forEach((key, value) -> args.addAll(List.of("-D", key + "=" + value)));
        List<String> options = new ArrayList<>(jvmOptions);
        options.add(StackServices.SERVICE_LOGGING);
        return JavaProcess.start(name, options, MAIN_CLASS, args, log, STOP_SECONDS);
    }

    /** The readiness endpoint of the instance serving on {@code httpPort}: 200 once Kafka Streams runs. */
    static URI ready(int httpPort) {
        return URI.create("http://" + StackServices.HOST + ":" + httpPort + "/health/ready");
    }
}
