package io.burnwatch.streams.connect.receiver;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.http.Access;
import io.burnwatch.streams.http.BearerTokens;
import io.burnwatch.streams.http.HttpAnswer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * {@code POST /v1/logs}, OTLP/HTTP logs: an {@code ExportLogsServiceRequest} as protobuf or JSON, gzip or not, from
 * a holder of one of the bearer tokens. A body that parses is written, unpacked but otherwise as sent, as one record
 * with no key and header {@code content-type}; the answer is an empty {@code ExportLogsServiceResponse} in the
 * request's encoding. Errors are the receiver's JSON errors; exporters retry only 429, 502, 503 and 504.
 */
final class OtlpLogsIngress implements Ingress {

    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";

    private final BearerTokens tokens;
    private final String topic;
    private final RecordSink sink;
    private final int maxBytes;

    /** @param tokens empty to disable the route */
    OtlpLogsIngress(List<String> tokens, String topic, RecordSink sink, int maxBytes) {
        this.tokens = tokens.isEmpty() ? null : BearerTokens.of(tokens, null);
        this.topic = topic;
        this.sink = sink;
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpAnswer precheck(UnaryOperator<String> headers) {
        if (tokens == null) {
            return Ingress.disabled(ReceiverServer.LOGS, BurnwatchSettings.RECEIVER_OTLP_TOKENS);
        }
        HttpAnswer refusal = tokens.refusal(Access.CLIENT, headers.apply("Authorization"));
        if (refusal != null) {
            return refusal;
        }
        String type = Ingress.mediaType(headers.apply("Content-Type"));
        if (!PROTOBUF.equals(type) && !JSON.equals(type)) {
            return HttpAnswer.error(415, "OTLP logs are sent as Content-Type " + PROTOBUF + " or " + JSON);
        }
        if (!gzip(headers) && !identity(headers)) {
            return HttpAnswer.error(415, "OTLP logs are sent with Content-Encoding gzip or none");
        }
        return null;
    }

    @Override
    public HttpAnswer accept(UnaryOperator<String> headers, byte[] body) {
        String type = Ingress.mediaType(headers.apply("Content-Type"));
        byte[] logs = body;
        if (gzip(headers)) {
            try {
                logs = Gzip.decompress(body, maxBytes);
            } catch (Gzip.TooLarge e) {
                return HttpAnswer.error(413, "Request bodies are limited to " + maxBytes + " bytes, unpacked");
            } catch (IOException e) {
                return HttpAnswer.error(400, "The body is not valid gzip, as its Content-Encoding says");
            }
        }
        String problem = problem(type, logs);
        if (problem != null) {
            return HttpAnswer.error(400, problem);
        }
        RecordHeaders recordHeaders = new RecordHeaders();
        recordHeaders.add(ReceiverHeaders.CONTENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        try {
            sink.send(new ProducerRecord<>(topic, null, null, null, logs, recordHeaders));
        } catch (RecordSink.SendFailure e) {
            return ReceiverServer.failed(e);
        }
        return PROTOBUF.equals(type)
                // An empty ExportLogsServiceResponse: no field set, no bytes.
                ? new HttpAnswer(200, PROTOBUF, "", Map.of())
                : new HttpAnswer(200, JSON, "{}", Map.of());
    }

    /** Null if {@code logs} is an ExportLogsServiceRequest in {@code type}, else why not, without the parser's details. */
    static String problem(String type, byte[] logs) {
        try {
            if (PROTOBUF.equals(type)) {
                ExportLogsServiceRequest.parseFrom(logs);
            } else {
                JsonFormat.parser().ignoringUnknownFields()
                        .merge(new String(logs, StandardCharsets.UTF_8), ExportLogsServiceRequest.newBuilder());
            }
            return null;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return "The body is not an OTLP ExportLogsServiceRequest in " + type;
        }
    }

    private static boolean gzip(UnaryOperator<String> headers) {
        return "gzip".equals(encoding(headers));
    }

    private static boolean identity(UnaryOperator<String> headers) {
        String encoding = encoding(headers);
        return encoding.isEmpty() || "identity".equals(encoding);
    }

    private static String encoding(UnaryOperator<String> headers) {
        String encoding = headers.apply("Content-Encoding");
        return encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
    }
}
