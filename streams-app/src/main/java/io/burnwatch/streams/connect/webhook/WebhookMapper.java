package io.burnwatch.streams.connect.webhook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.streams.connect.identity.Identity;
import io.burnwatch.streams.ingest.DeadLetterReason;
import io.burnwatch.streams.ingest.InvalidRecordException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a GitHub or GitLab delivery, from the vendors' documented payloads, to the outcomes it names:
 * <ul>
 *   <li>GitHub {@code push}: a COMMIT per commit of {@code commits[]} ({@code distinct: false} ones, already pushed
 *   to another ref, are left to that push), at the commit's {@code timestamp}; the author is
 *   {@code author.username} (the GitHub login, when GitHub knows the email) or {@code author.email}.</li>
 *   <li>GitHub {@code pull_request}: {@code opened} is PR_OPENED at {@code created_at}; {@code closed} with
 *   {@code merged: true} is PR_MERGED at {@code merged_at}, with {@code additions}/{@code deletions} as lines; the
 *   user is the PR's author, {@code pull_request.user.login}.</li>
 *   <li>GitLab {@code Push Hook}: a COMMIT per commit of {@code commits[]}, the author by {@code author.email},
 *   then the pusher's {@code user_username}.</li>
 *   <li>GitLab {@code Merge Request Hook}: action {@code open} is PR_OPENED at {@code created_at}, {@code merge} is
 *   PR_MERGED at {@code merged_at} (or {@code updated_at}); the user is {@code user} (who opened or merged it).</li>
 * </ul>
 * A push carries no line counts, and GitLab's merge request hook none either: those outcomes have 0 lines; a commit
 * is an outcome by its existence. {@code ref} is the commit sha, or the pull request's number. Event ids are stable
 * across redeliveries: {@code commit:<sha>} (as agent telemetry names a commit it made, so that a commit reported
 * both ways counts once), {@code github:pr:<repo>#<number>:opened|merged}, {@code gitlab:mr:<repo>!<iid>:opened|merged}. Other events and actions name
 * no outcome. Error messages name fields, never their content.
 */
final class WebhookMapper {

    static final String GITHUB_PUSH = "push";
    static final String GITHUB_PULL_REQUEST = "pull_request";
    static final String GITLAB_PUSH = "Push Hook";
    static final String GITLAB_MERGE_REQUEST = "Merge Request Hook";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** GitLab's older hooks: {@code 2013-12-03 17:23:34 UTC}. */
    private static final DateTimeFormatter GITLAB_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final String sessionTrailer;

    WebhookMapper(String sessionTrailer) {
        this.sessionTrailer = sessionTrailer;
    }

    /**
     * The outcomes {@code body} names; none for an event or action burnwatch does not map.
     *
     * @throws InvalidRecordException ({@link DeadLetterReason#INVALID_WEBHOOK}) if the vendor is unknown or a
     *                                mapped event's body cannot be read
     */
    List<WebhookOutcome> map(String vendor, String event, byte[] body) {
        if (vendor == null || vendor.isEmpty()) {
            throw invalid("no " + WebhookHeaders.VENDOR + " header");
        }
        if (event == null || event.isEmpty()) {
            throw invalid("no " + WebhookHeaders.EVENT + " header");
        }
        return switch (vendor) {
            case WebhookHeaders.GITHUB -> switch (event) {
                case GITHUB_PUSH -> githubPush(read(body));
                case GITHUB_PULL_REQUEST -> githubPullRequest(read(body));
                default -> List.of();
            };
            case WebhookHeaders.GITLAB -> switch (event) {
                case GITLAB_PUSH -> gitlabPush(read(body));
                case GITLAB_MERGE_REQUEST -> gitlabMergeRequest(read(body));
                default -> List.of();
            };
            default -> throw invalid(WebhookHeaders.VENDOR + " is neither " + WebhookHeaders.GITHUB + " nor "
                    + WebhookHeaders.GITLAB);
        };
    }

    private List<WebhookOutcome> githubPush(JsonNode push) {
        String repo = required(push.path("repository"), "full_name", "repository.full_name");
        List<WebhookOutcome> outcomes = new ArrayList<>();
        JsonNode commits = push.path("commits");
        for (int i = 0; i < commits.size(); i++) {
            JsonNode commit = commits.get(i);
            if (commit.path("distinct").isBoolean() && !commit.path("distinct").asBoolean()) {
                continue;
            }
            outcomes.add(commit(commit, i, "github", repo,
                    githubAuthor(text(commit.path("author"), "username"),
                            text(commit.path("author"), "email"))));
        }
        return outcomes;
    }

    private List<WebhookOutcome> gitlabPush(JsonNode push) {
        String repo = required(push.path("project"), "path_with_namespace", "project.path_with_namespace");
        String pusher = text(push, "user_username");
        List<WebhookOutcome> outcomes = new ArrayList<>();
        JsonNode commits = push.path("commits");
        for (int i = 0; i < commits.size(); i++) {
            JsonNode commit = commits.get(i);
            List<Identity> candidates = new ArrayList<>();
            String email = text(commit.path("author"), "email");
            if (email != null) {
                candidates.add(Identity.email(email));
            }
            if (pusher != null) {
                candidates.add(Identity.gitlab(pusher));
            }
            outcomes.add(commit(commit, i, "gitlab", repo, candidates));
        }
        return outcomes;
    }

    private WebhookOutcome commit(JsonNode commit, int index, String vendor, String repo, List<Identity> candidates) {
        String where = "commits[" + index + "]";
        try {
            String sha = required(commit, "id", where + ".id");
            Instant ts = instant(required(commit, "timestamp", where + ".timestamp"), where + ".timestamp");
            if (candidates.isEmpty()) {
                throw invalid(where + " has neither author.email nor an author's login");
            }
            Trailers trailers = Trailers.ofCommit(text(commit, "message"), sessionTrailer);
            return new WebhookOutcome("commit:" + sha, ts, trailers.sessionId, repo,
                    OutcomeKind.COMMIT, 0, 0, sha, candidates, trailers.agent, null);
        } catch (InvalidRecordException e) {
            return WebhookOutcome.failed(e);
        }
    }

    private List<WebhookOutcome> githubPullRequest(JsonNode delivery) {
        String action = text(delivery, "action");
        JsonNode pr = delivery.path("pull_request");
        boolean opened = "opened".equals(action);
        boolean merged = "closed".equals(action) && pr.path("merged").asBoolean(false);
        if (!opened && !merged) {
            return List.of();
        }
        String repo = required(delivery.path("repository"), "full_name", "repository.full_name");
        long number = number(pr, "number", "pull_request.number");
        String login = required(pr.path("user"), "login", "pull_request.user.login");
        Trailers trailers = Trailers.ofDescription(text(pr, "body"), sessionTrailer);
        String prId = "github:pr:" + repo + "#" + number;
        if (opened) {
            Instant ts = instant(firstText(pr, "pull_request", "created_at", "updated_at"), "pull_request.created_at");
            return List.of(new WebhookOutcome(prId + ":opened", ts, trailers.sessionId, repo, OutcomeKind.PR_OPENED,
                    0, 0, Long.toString(number), List.of(Identity.github(login)), trailers.agent, null));
        }
        Instant ts = instant(firstText(pr, "pull_request", "merged_at", "updated_at"), "pull_request.merged_at");
        return List.of(new WebhookOutcome(prId + ":merged", ts, trailers.sessionId, repo, OutcomeKind.PR_MERGED,
                lines(pr, "additions"), lines(pr, "deletions"), Long.toString(number),
                List.of(Identity.github(login)), trailers.agent, null));
    }

    private List<WebhookOutcome> gitlabMergeRequest(JsonNode delivery) {
        JsonNode mr = delivery.path("object_attributes");
        String action = text(mr, "action");
        boolean opened = "open".equals(action);
        boolean merged = "merge".equals(action);
        if (!opened && !merged) {
            return List.of();
        }
        String repo = required(delivery.path("project"), "path_with_namespace", "project.path_with_namespace");
        long iid = number(mr, "iid", "object_attributes.iid");
        List<Identity> candidates = new ArrayList<>();
        String username = text(delivery.path("user"), "username");
        if (username != null) {
            candidates.add(Identity.gitlab(username));
        }
        String email = text(delivery.path("user"), "email");
        if (email != null && email.contains("@")) {
            candidates.add(Identity.email(email));
        }
        if (candidates.isEmpty()) {
            throw invalid("user.username is missing");
        }
        Trailers trailers = Trailers.ofDescription(text(mr, "description"), sessionTrailer);
        String mrId = "gitlab:mr:" + repo + "!" + iid;
        Instant ts = opened
                ? instant(firstText(mr, "object_attributes", "created_at", "updated_at"), "object_attributes.created_at")
                : instant(firstText(mr, "object_attributes", "merged_at", "updated_at"), "object_attributes.updated_at");
        return List.of(new WebhookOutcome(mrId + (opened ? ":opened" : ":merged"), ts, trailers.sessionId, repo,
                opened ? OutcomeKind.PR_OPENED : OutcomeKind.PR_MERGED, 0, 0, Long.toString(iid), candidates,
                trailers.agent, null));
    }

    /** A GitHub commit author's candidates: the login first, then the email. */
    private static List<Identity> githubAuthor(String login, String email) {
        List<Identity> candidates = new ArrayList<>();
        if (login != null) {
            candidates.add(Identity.github(login));
        }
        if (email != null) {
            candidates.add(Identity.email(email));
        }
        return candidates;
    }

    private static JsonNode read(byte[] body) {
        if (body == null) {
            throw invalid("the delivery has no body");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's messages quote the input; the dead letter's must not.
            JsonLocation at = e.getLocation();
            throw invalid("the body is not one JSON object (" + e.getClass().getSimpleName()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")");
        } catch (IOException e) {
            throw invalid("the body is not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (json == null || !json.isObject()) {
            throw invalid("the body is not a JSON object");
        }
        return json;
    }

    /** A text field, trimmed; null when absent, null, not text or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    private static String required(JsonNode node, String field, String path) {
        String value = text(node, field);
        if (value == null) {
            throw invalid(path + " is missing");
        }
        return value;
    }

    private static String firstText(JsonNode node, String path, String field, String orElse) {
        String value = text(node, field);
        if (value == null) {
            value = text(node, orElse);
        }
        if (value == null) {
            throw invalid(path + "." + field + " is missing");
        }
        return value;
    }

    private static long number(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw invalid(path + " is not a number");
        }
        return value.asLong();
    }

    /** A line count; 0 when absent, as for a pull request whose diff GitHub has not computed. */
    private static long lines(JsonNode pr, String field) {
        JsonNode value = pr.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw invalid("pull_request." + field + " is not a line count");
        }
        return value.asLong();
    }

    /** ISO-8601 with an offset ({@code 2026-03-02T10:15:00+01:00}, {@code ...Z}), or GitLab's older {@code ... UTC}. */
    static Instant instant(String text, String path) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text, GITLAB_UTC).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw invalid(path + " is not an ISO-8601 time with an offset");
            }
        }
    }

    private static InvalidRecordException invalid(String detail) {
        return new InvalidRecordException(DeadLetterReason.INVALID_WEBHOOK, detail);
    }
}
