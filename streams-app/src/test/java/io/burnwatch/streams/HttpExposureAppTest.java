package io.burnwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("burnwatch-streams bound beyond loopback")
class HttpExposureAppTest {

    @Test
    @DisplayName("without a token it exits 2 with one line naming the setting and the fix, before Kafka is asked")
    void refusesWithoutToken() {
        StringWriter err = new StringWriter();

        int code = BurnwatchApp.run(new String[] {"--http-host", "0.0.0.0", "--http-port", "0",
                        "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "http://127.0.0.1:1"},
                Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("burnwatch.http.host=0.0.0.0", "burnwatch.http.auth.tokens", "BURNWATCH_HTTP_AUTH_TOKENS", "127.0.0.1");
    }
}
