package io.burnwatch.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.streams.testing.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A delivery that cannot be read goes to the dead letter queue with its bytes and INVALID_WEBHOOK; nothing is lost. */
@DisplayName("Unreadable webhook deliveries")
class WebhookDeadLetterTest {

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "github|push|not json at all",
            "github|push|[1, 2]",
            "github|push|{\"commits\": []}",
            "github|pull_request|{\"action\": \"opened\", \"pull_request\": {\"number\": 1}, \"repository\": {\"full_name\": \"acme/api\"}}",
            "gitlab|Merge Request Hook|{\"object_attributes\": {\"action\": \"merge\", \"iid\": 3}, \"project\": {\"path_with_namespace\": \"a/b\"}}",
            "bitbucket|repo:push|{}"})
    @DisplayName("an unreadable body or an unknown vendor is dead-lettered whole")
    void deadLettered(String vendor, String event, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        pipeline.webhook(vendor, event, "d-bad", bytes);

        assertThat(pipeline.outcomesOut.isEmpty()).isTrue();
        List<TestRecord<byte[], byte[]>> dead = pipeline.dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(bytes);
        assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("d-bad");
        assertThat(reason(dead.get(0))).isEqualTo("INVALID_WEBHOOK");
        assertThat(pipeline.ingest.deadLetters()).containsEntry("INVALID_WEBHOOK", 1L);
    }

    @Test
    @DisplayName("a delivery without the vendor header is dead-lettered")
    void noVendor() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WebhookHeaders.EVENT, "push".getBytes(StandardCharsets.UTF_8));
        pipeline.webhooks.pipeInput(new TestRecord<>("d-x", Payloads.of("github-push.json"), headers, PipelineDriver.WALL_CLOCK));

        assertThat(reason(pipeline.dlq.readRecord())).isEqualTo("INVALID_WEBHOOK");
    }

    @Test
    @DisplayName("a push of which one commit cannot be mapped forwards the others, then dead-letters the delivery")
    void oneBadCommit() {
        String push = new String(Payloads.of("github-push.json"), StandardCharsets.UTF_8)
                .replace("\"timestamp\": \"2026-03-02T10:07:40+01:00\",\n      \"url\"",
                        "\"timestamp\": \"yesterday\",\n      \"url\"");
        pipeline.webhook("github", "push", "d-half", push.getBytes(StandardCharsets.UTF_8));

        assertThat(pipeline.outcomesOut.readValuesToList()).extracting(OutcomeEvent::getEventId)
                .containsExactly("commit:4f1c2e8d9a0b7c6d5e4f3a2b1c0d9e8f7a6b5c4d");
        TestRecord<byte[], byte[]> dead = pipeline.dlq.readRecord();
        assertThat(reason(dead)).isEqualTo("INVALID_WEBHOOK");
        assertThat(new String(dead.headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8))
                .contains("commits[1].timestamp").doesNotContain("yesterday");
    }

    private static String reason(TestRecord<byte[], byte[]> record) {
        return new String(record.headers().lastHeader("burnwatch.dlq.reason").value(), StandardCharsets.UTF_8);
    }
}
