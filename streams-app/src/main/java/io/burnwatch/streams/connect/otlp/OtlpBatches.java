package io.burnwatch.streams.connect.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.burnwatch.streams.ingest.DeadLetterReason;
import io.burnwatch.streams.ingest.InvalidRecordException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Decodes one record of the OpenTelemetry logs topic: an {@code ExportLogsServiceRequest} as the Collector's Kafka
 * exporter writes it, {@code otlp_proto} or {@code otlp_json}. A {@code content-type} header decides the encoding
 * when it names one; otherwise a value whose first byte past white space is <code>{</code> is JSON, any other
 * protobuf. OTLP/JSON is read by protobuf's JSON mapping: camelCase or snake_case names, int64 as numbers or
 * strings, enums by name or number, unknown fields ignored. A batch without any {@code resourceLogs} is refused:
 * the Collector writes none, and metrics or traces sent to the logs topic by mistake read as one.
 */
final class OtlpBatches {

    static final String CONTENT_TYPE = "content-type";

    private static final JsonFormat.Parser JSON = JsonFormat.parser().ignoringUnknownFields();

    private OtlpBatches() {
    }

    static ExportLogsServiceRequest decode(byte[] value, Headers headers) {
        ExportLogsServiceRequest batch;
        try {
            batch = isJson(value, headers) ? json(value) : ExportLogsServiceRequest.parseFrom(value);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw invalid("not an OTLP logs batch in otlp_proto or otlp_json");
        }
        if (batch.getResourceLogsCount() == 0) {
            throw invalid("the batch has no resourceLogs");
        }
        return batch;
    }

    private static ExportLogsServiceRequest json(byte[] value) throws InvalidProtocolBufferException {
        ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
        JSON.merge(new String(value, StandardCharsets.UTF_8), builder);
        return builder.build();
    }

    static boolean isJson(byte[] value, Headers headers) {
        Header contentType = headers == null ? null : headers.lastHeader(CONTENT_TYPE);
        if (contentType != null && contentType.value() != null) {
            String type = new String(contentType.value(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            if (type.contains("json")) {
                return true;
            }
            if (type.contains("protobuf") || type.contains("proto")) {
                return false;
            }
        }
        for (byte b : value) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    private static InvalidRecordException invalid(String detail) {
        return new InvalidRecordException(DeadLetterReason.INVALID_OTLP, detail);
    }
}
