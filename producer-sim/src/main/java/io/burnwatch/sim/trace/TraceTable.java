package io.burnwatch.sim.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A CSV trace read into memory: a header and rows of plain values (no quoting in these traces). */
final class TraceTable {

    private final String name;
    private final List<String> header;
    private final List<String[]> rows;

    private TraceTable(String name, List<String> header, List<String[]> rows) {
        this.name = name;
        this.header = header;
        this.rows = rows;
    }

    static TraceTable read(String name, BufferedReader reader) {
        try (reader) {
            String first = reader.readLine();
            if (first == null) {
                throw new IllegalArgumentException("Trace " + name + " is empty");
            }
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            return new TraceTable(name, Arrays.asList(first.strip().split(",")), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read trace " + name, e);
        }
    }

    int size() {
        return rows.size();
    }

    String text(int row, String column) {
        return rows.get(row)[index(column)];
    }

    double number(int row, String column) {
        String value = text(row, column);
        return value.isEmpty() ? 0 : Double.parseDouble(value);
    }

    private int index(String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("Trace " + name + " has no column " + column + "; it has " + header);
        }
        return index;
    }
}
