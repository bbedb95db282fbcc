package io.burnwatch.stack;

import io.burnwatch.streams.config.BurnwatchSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * burnwatch's receiver as the local stack runs it: {@code ReceiverApp} in a child JVM on 127.0.0.1, with a bearer
 * token for agents, a GitHub webhook secret and a GitLab webhook token generated on the first run and kept in the
 * data directory (readable by the owner only): {@code receiver.properties} holds them as the receiver's settings,
 * {@code agent.env} the variables an agent (Claude Code) exports to send its logs here.
 */
final class Receiver {

    static final String SETTINGS_FILE = "receiver.properties";
    static final String AGENT_FILE = "agent.env";
    private static final String MAIN_CLASS = "io.burnwatch.streams.connect.receiver.ReceiverApp";
    private static final long STOP_SECONDS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Receiver() {
    }

    /** Starts the receiver on {@code port}, creating its credentials first if the data directory has none. */
    static JavaProcess start(String bootstrapServers, int port, DataDir data) throws IOException {
        Path settings = data.resolve(SETTINGS_FILE);
        String token = credentials(settings);
        writePrivate(data.resolve(AGENT_FILE), String.join("\n",
                "# Export these where the agent runs (e.g. . " + data.resolve(AGENT_FILE) + "), then start it.",
                "export CLAUDE_CODE_ENABLE_TELEMETRY=1",
                "export OTEL_LOGS_EXPORTER=otlp",
                "export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
                "export OTEL_EXPORTER_OTLP_ENDPOINT=" + url(port),
                "export OTEL_EXPORTER_OTLP_HEADERS='Authorization=Bearer " + token + "'",
                ""));
        return JavaProcess.start("receiver", List.of("-Xmx128m", StackServices.SERVICE_LOGGING), MAIN_CLASS,
                List.of("--bootstrap-servers", bootstrapServers, "--host", StackServices.HOST,
                        "--port", Integer.toString(port), "--config", settings.toString()),
                data.resolve("receiver.log"), STOP_SECONDS);
    }

    static String url(int port) {
        return "http://" + StackServices.HOST + ":" + port;
    }

    static URI health(int port) {
        return URI.create(url(port) + "/health");
    }

    /** The agents' token of {@code file}, after writing a new one and the webhook secrets if it does not exist. */
    private static String credentials(Path file) throws IOException {
        Properties settings = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                settings.load(reader);
            }
        } else {
            settings.setProperty(BurnwatchSettings.RECEIVER_OTLP_TOKENS, random());
            settings.setProperty(BurnwatchSettings.RECEIVER_GITHUB_SECRET, random());
            settings.setProperty(BurnwatchSettings.RECEIVER_GITLAB_TOKEN, random());
            StringBuilder text = new StringBuilder("# The local receiver's credentials, generated on its first run.\n"
                    + "# Agents send the token as Authorization: Bearer (see agent.env); set the secret and the token"
                    + " as the GitHub and GitLab webhooks' secrets.\n");
            settings.stringPropertyNames().stream().sorted()
                    .forEach(key -> text.append(key).append('=').append(settings.getProperty(key)).append('\n'));
            writePrivate(file, text.toString());
        }
        return settings.getProperty(BurnwatchSettings.RECEIVER_OTLP_TOKENS, "").split(",")[0].trim();
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Writes {@code text} to {@code file}, readable and writable by the owner only where the file system says so. */
    private static void writePrivate(Path file, String text) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(text);
        }
    }
}
