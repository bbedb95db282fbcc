package io.burnwatch.streams.connect.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Webhook signatures and tokens")
class ReceiverSignatureTest {

    // GitHub's documented test vector (docs.github.com, "Validating webhook deliveries").
    private static final byte[] SECRET = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    @DisplayName("GitHub's signature is HMAC-SHA256 of the raw body, as GitHub's test vector has it")
    void githubTestVector() {
        assertThat(WebhookSignatures.github(SECRET, PAYLOAD)).isEqualTo(EXPECTED);
        assertThat(WebhookSignatures.githubValid(SECRET, PAYLOAD, EXPECTED)).isTrue();
    }

    @Test
    @DisplayName("a wrong, truncated, differently cased, missing or other-secret signature is refused")
    void githubRefusals() {
        assertThat(WebhookSignatures.githubValid(SECRET, PAYLOAD, EXPECTED.replace('7', '8'))).isFalse();
        assertThat(WebhookSignatures.githubValid(SECRET, PAYLOAD, EXPECTED.substring(0, 20))).isFalse();
        assertThat(WebhookSignatures.githubValid(SECRET, PAYLOAD, EXPECTED.substring("sha256=".length()))).isFalse();
        assertThat(WebhookSignatures.githubValid(SECRET, PAYLOAD, null)).isFalse();
        assertThat(WebhookSignatures.githubValid("another secret".getBytes(StandardCharsets.UTF_8), PAYLOAD, EXPECTED))
                .isFalse();
        assertThat(WebhookSignatures.githubValid(SECRET, "Hello, World?".getBytes(StandardCharsets.UTF_8), EXPECTED))
                .isFalse();
    }

    @Test
    @DisplayName("a GitLab token matches only itself")
    void gitlabToken() {
        assertThat(WebhookSignatures.tokenValid("gitlab-secret-token-0123", "gitlab-secret-token-0123")).isTrue();
        assertThat(WebhookSignatures.tokenValid("gitlab-secret-token-0123", "gitlab-secret-token-0124")).isFalse();
        assertThat(WebhookSignatures.tokenValid("gitlab-secret-token-0123", "gitlab-secret-token-012")).isFalse();
        assertThat(WebhookSignatures.tokenValid("gitlab-secret-token-0123", null)).isFalse();
        assertThat(WebhookSignatures.tokenValid("", "")).isFalse();
    }
}
