package io.burnwatch.streams.connect.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a commit message's git trailers (the {@code Token: value} lines of its last paragraph) or a pull request's
 * description say about the agent behind it: a {@code Co-Authored-By: Claude ...} trailer marks an agent's work, and
 * the session trailer ({@code burnwatch.webhook.session.trailer}, {@code Claude-Session} by default) names the
 * session, as a bare id or as a URL whose last path segment is the id.
 */
final class Trailers {

    private static final Pattern TRAILER = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9-]*)[ \\t]*:[ \\t]*(.*?)\\s*$");
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]*");
    private static final String CO_AUTHORED_BY = "co-authored-by";

    /** Whether a Claude co-author is named. */
    final boolean agent;
    /** The session named, or null. */
    final String sessionId;

    private Trailers(boolean agent, String sessionId) {
        this.agent = agent;
        this.sessionId = sessionId;
    }

    static final Trailers NONE = new Trailers(false, null);

    /** The trailers of a commit message: only its last paragraph counts, as for {@code git interpret-trailers}. */
    static Trailers ofCommit(String message, String sessionTrailer) {
        if (message == null || message.isBlank()) {
            return NONE;
        }
        String[] paragraphs = message.strip().split("\\R[ \\t]*\\R");
        return of(paragraphs[paragraphs.length - 1], sessionTrailer);
    }

    /** The trailers of a pull request's description: a trailer line anywhere in it counts. */
    static Trailers ofDescription(String description, String sessionTrailer) {
        return description == null ? NONE : of(description, sessionTrailer);
    }

    private static Trailers of(String text, String sessionTrailer) {
        boolean agent = false;
        String session = null;
        String wanted = sessionTrailer.toLowerCase(Locale.ROOT);
        for (String line : text.split("\\R")) {
            Matcher trailer = TRAILER.matcher(line.strip());
            if (!trailer.matches()) {
                continue;
            }
            String token = trailer.group(1).toLowerCase(Locale.ROOT);
            String value = trailer.group(2);
            if (token.equals(CO_AUTHORED_BY) && isClaude(value)) {
                agent = true;
            } else if (token.equals(wanted)) {
                String id = sessionId(value);
                if (id != null) {
                    session = id;
                }
            }
        }
        return new Trailers(agent, session);
    }

    /** {@code Claude <noreply@anthropic.com>}, {@code Claude Opus 4.7 (1M context) <noreply@anthropic.com>}. */
    private static boolean isClaude(String coAuthor) {
        String lower = coAuthor.toLowerCase(Locale.ROOT);
        return lower.startsWith("claude") || lower.contains("<noreply@anthropic.com>");
    }

    /**
     * The id a session trailer's value names: the value itself, or the last path segment of a URL (query and
     * fragment left out); null if it names none. Angle brackets around a URL are allowed.
     */
    static String sessionId(String value) {
        String text = value.strip();
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        if (text.contains("://")) {
            String path;
            try {
                path = URI.create(text).getPath();
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (path == null) {
                return null;
            }
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            text = path.substring(path.lastIndexOf('/') + 1);
        }
        return SESSION_ID.matcher(text).matches() ? text : null;
    }
}
