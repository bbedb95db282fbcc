package io.burnwatch.sim.receiver;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the simulator needs to be let in by burnwatch's receiver, read from the receiver's own settings file (the
 * local stack writes {@code receiver.properties} in its data directory): the first agents' token of
 * {@value #OTLP_TOKENS}, sent as {@code Authorization: Bearer}, and the GitHub webhook secret {@value #GITHUB_SECRET},
 * which signs each delivery.
 */
public record ReceiverCredentials(String token, String githubSecret) {

    static final String OTLP_TOKENS = "burnwatch.receiver.otlp.tokens";
    static final String GITHUB_SECRET = "burnwatch.receiver.github.secret";

    /** @throws IllegalArgumentException saying what the file lacks */
    public static ReceiverCredentials read(Path file) throws IOException {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            settings.load(reader);
        }
        String token = settings.getProperty(OTLP_TOKENS, "").split(",")[0].trim();
        String secret = settings.getProperty(GITHUB_SECRET, "").trim();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("has no " + OTLP_TOKENS);
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("has no " + GITHUB_SECRET);
        }
        return new ReceiverCredentials(token, secret);
    }

    @Override
    public String toString() {
        return "ReceiverCredentials[token and secret hidden]";
    }
}
