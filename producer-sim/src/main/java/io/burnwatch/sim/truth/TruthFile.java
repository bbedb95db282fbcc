package io.burnwatch.sim.truth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.sim.persona.SimEvent;
import io.burnwatch.sim.publish.EventSink;
import io.burnwatch.sim.publish.JsonValues;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Also writes every session's ground truth to a file, one JSON object a line with the Avro field names and
 * timestamps as epoch millis, and hands every event on to the next sink.
 */
public final class TruthFile implements EventSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;
    private final EventSink next;

    public TruthFile(Path path, EventSink next) throws IOException {
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        this.next = next;
    }

    @Override
    public void send(SimEvent event) {
        if (event instanceof SimEvent.Truth truth) {
            try {
                out.write(JSON.writeValueAsString(fields(truth.record())));
                out.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the ground truth: " + e.getMessage(), e);
            }
        }
        next.send(event);
    }

    @Override
    public void close() {
        try (out) {
            next.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the ground truth: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> fields(SpecificRecord record) {
        return JsonValues.fields(record);
    }
}
