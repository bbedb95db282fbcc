package io.burnwatch.streams.connect.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("burnwatch-receiver's settings")
class ReceiverAppTest {

    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return ReceiverApp.run(args, env, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    @DisplayName("beyond loopback without any credential it exits 2 with one line naming the settings, before Kafka is asked")
    void refusesWithoutCredential() {
        int code = run(Map.of(), "--host", "0.0.0.0", "--port", "0", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("burnwatch.receiver.host=0.0.0.0",
                "burnwatch.receiver.otlp.tokens", "BURNWATCH_RECEIVER_GITHUB_SECRET", "burnwatch.receiver.gitlab.token",
                "127.0.0.1");
    }

    @Test
    @DisplayName("a short secret is refused with one line that does not repeat it")
    void shortSecret() {
        int code = run(Map.of("BURNWATCH_RECEIVER_GITHUB_SECRET", "hunter2"), "--bootstrap-servers", "127.0.0.1:1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("burnwatch.receiver.github.secret", "16").doesNotContain("hunter2");
    }

    @Test
    @DisplayName("the settings come from the environment, flags winning; the defaults are loopback and 4318")
    void settings() {
        ReceiverApp app = new ReceiverApp(Map.of("BURNWATCH_RECEIVER_OTLP_TOKENS", "a-token-of-32-characters-000000",
                "BURNWATCH_RECEIVER_GITLAB_TOKEN", "gitlab-token-0123456789", "BURNWATCH_RECEIVER_PORT", "9999"),
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        ReceiverApp.command(app, new PrintWriter(new StringWriter()), new PrintWriter(err)).parseArgs("--port", "4000");

        ReceiverSettings settings = ReceiverSettings.of(app.config());

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(4000);
        assertThat(settings.otlpTokens()).containsExactly("a-token-of-32-characters-000000");
        assertThat(settings.gitlabEnabled()).isTrue();
        assertThat(settings.githubEnabled()).isFalse();
        assertThat(settings.maxRequestBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(settings.toString()).doesNotContain("a-token-of-32", "gitlab-token");
        assertThat(settings.routes()).isEqualTo("POST /v1/logs, POST /webhooks/gitlab, GET /health");
    }

    @Test
    @DisplayName("the producer is idempotent with acks=all, and takes the largest body")
    void producer() {
        var config = io.burnwatch.streams.config.BurnwatchConfig.of(Map.of());
        Map<String, Object> producer = KafkaRecordSink.producerSettings(config, ReceiverSettings.of(config));

        assertThat(producer).containsEntry("enable.idempotence", true).containsEntry("acks", "all");
        assertThat((Integer) producer.get("max.request.size")).isGreaterThan(4 * 1024 * 1024);
        assertThat(producer).containsEntry("bootstrap.servers", "127.0.0.1:9092");
    }
}
