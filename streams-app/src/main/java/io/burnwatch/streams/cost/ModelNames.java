package io.burnwatch.streams.cost;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The canonical id of a model, under which its prices are kept: producers report the same model under many names
 * ({@code anthropic/Claude-Opus-4-1-20250805}, {@code claude-opus-4-1@20250805}, {@code claude-opus-4-1}).
 *
 * <p>The rule: trim and lower-case; drop everything up to the last {@code /} (provider or API path prefixes such
 * as {@code anthropic/}, {@code openai/}, {@code models/}); then drop one trailing snapshot marker: a date as
 * {@code -YYYYMMDD}, {@code @YYYYMMDD} or {@code -YYYY-MM-DD}, or {@code -latest}. Anything else is kept, so a
 * preview or a differently named variant stays a model of its own and is priced only if listed.
 */
public final class ModelNames {

    private static final Pattern SNAPSHOT = Pattern.compile("(?:[-@]\\d{8}|-\\d{4}-\\d{2}-\\d{2}|-latest)$");

    private ModelNames() {
    }

    public static String canonical(String model) {
        String name = model.trim().toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        return SNAPSHOT.matcher(name).replaceFirst("");
    }
}
