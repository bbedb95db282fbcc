package io.burnwatch.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Git trailers: the last paragraph of a commit message, any line of a pull request's description. */
@DisplayName("Commit trailers")
class TrailersTest {

    private static final String SESSION = "Claude-Session";

    @Test
    @DisplayName("Co-Authored-By: Claude marks an agent's commit, whatever the model and case")
    void coAuthoredByClaude() {
        assertThat(Trailers.ofCommit("Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>", SESSION).agent).isTrue();
        assertThat(Trailers.ofCommit("Fix\n\nco-authored-by: Claude Opus 4.7 (1M context) <noreply@anthropic.com>",
                SESSION).agent).isTrue();
        assertThat(Trailers.ofCommit("Fix\n\nCo-Authored-By: Bob Stone <bob@acme.example>", SESSION).agent).isFalse();
        assertThat(Trailers.ofCommit("Fix", SESSION).agent).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Claude-Session: 0b9c7a4e-2f13-4d6a-9e55-1c7b8d2e3f40|0b9c7a4e-2f13-4d6a-9e55-1c7b8d2e3f40",
            "Claude-Session: https://claude.ai/code/session_01HkQ7pV2mX9rT4wZ8yB3nC6|session_01HkQ7pV2mX9rT4wZ8yB3nC6",
            "Claude-Session: https://claude.ai/code/session_01Hk/?tab=diff#top|session_01Hk",
            "Claude-Session: <https://claude.ai/code/session_01Hk>|session_01Hk",
            "claude-session:   s-17  |s-17"})
    @DisplayName("the session trailer names the session: a bare id, or a URL's last path segment")
    void sessionTrailer(String trailer, String session) {
        String message = "Retry on timeout\n\nBody.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n" + trailer;

        assertThat(Trailers.ofCommit(message, SESSION).sessionId).isEqualTo(session);
    }

    @Test
    @DisplayName("only the last paragraph of a commit message holds trailers")
    void lastParagraphOnly() {
        String message = "Retry on timeout\n\nClaude-Session: s-in-the-body\n\nSigned-off-by: Bob <bob@acme.example>";

        assertThat(Trailers.ofCommit(message, SESSION).sessionId).isNull();
        assertThat(Trailers.ofCommit(message + "\r\nClaude-Session: s-last", SESSION).sessionId).isEqualTo("s-last");
    }

    @Test
    @DisplayName("the trailer's name is configurable; a value that names no id is no session")
    void configurableName() {
        assertThat(Trailers.ofCommit("Fix\n\nAgent-Run: run-88", "Agent-Run").sessionId).isEqualTo("run-88");
        assertThat(Trailers.ofCommit("Fix\n\nClaude-Session: s-17", "Agent-Run").sessionId).isNull();
        assertThat(Trailers.ofCommit("Fix\n\nClaude-Session: two words", SESSION).sessionId).isNull();
        assertThat(Trailers.ofCommit("Fix\n\nClaude-Session: https://claude.ai/", SESSION).sessionId).isNull();
    }

    @Test
    @DisplayName("a pull request's description may carry the trailer on any line")
    void description() {
        assertThat(Trailers.ofDescription("Adds retries.\n\nClaude-Session: s-17\n\n## Test plan\n- unit", SESSION)
                .sessionId).isEqualTo("s-17");
        assertThat(Trailers.ofDescription(null, SESSION).sessionId).isNull();
    }
}
