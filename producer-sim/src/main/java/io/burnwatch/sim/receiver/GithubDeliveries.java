package io.burnwatch.sim.receiver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Simulated outcomes as GitHub delivers them to a repository's webhook, in GitHub's documented payload shapes:
 * <ul>
 *   <li>a COMMIT is a {@code push} of one distinct commit: {@code id} = the sha ({@code ref}), {@code timestamp} =
 *   the outcome's time, the author's email ({@link SimIdentities#email}) and login, and, for an agent's commit that
 *   names its session, the trailers {@code Co-Authored-By: Claude <noreply@anthropic.com>} and
 *   {@code Claude-Session: <session id>};</li>
 *   <li>a PR_OPENED is a {@code pull_request} {@code opened}, a PR_MERGED a {@code pull_request} {@code closed} with
 *   {@code merged: true} and its lines as {@code additions}/{@code deletions}; the number is {@code ref} without its
 *   {@code #}, the author {@code pull_request.user.login}, the session a {@code Claude-Session} line of the
 *   description.</li>
 * </ul>
 * A push carries no line counts, so a commit's lines are lost on the way (burnwatch counts 0), as with real pushes.
 * An outcome that names no repository is delivered from {@value #UNNAMED_REPO}, since every delivery names one.
 * Each delivery is signed as GitHub signs it: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}.
 */
public final class GithubDeliveries {

    public static final String PUSH = "push";
    public static final String PULL_REQUEST = "pull_request";
    static final String UNNAMED_REPO = "sim/unattributed";
    static final String SESSION_TRAILER = "Claude-Session";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One delivery: its {@code X-GitHub-Event}, {@code X-GitHub-Delivery} and raw body. */
    public record Delivery(String event, String id, byte[] body) {
    }

    private GithubDeliveries() {
    }

    /** The delivery of {@code outcome}. */
    public static Delivery of(OutcomeEvent outcome) {
        ObjectNode body = outcome.getKind() == OutcomeKind.COMMIT ? push(outcome) : pullRequest(outcome);
        String event = outcome.getKind() == OutcomeKind.COMMIT ? PUSH : PULL_REQUEST;
        try {
            return new Delivery(event, outcome.getEventId(), JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a " + event + " delivery: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode push(OutcomeEvent outcome) {
        String repo = repo(outcome);
        String sha = sha(outcome);
        ObjectNode push = JSON.createObjectNode();
        push.put("ref", "refs/heads/main");
        push.put("after", sha);
        push.put("created", false);
        push.put("deleted", false);
        push.put("forced", false);
        ArrayNode commits = push.putArray("commits");
        ObjectNode commit = commits.addObject();
        commit.put("id", sha);
        commit.put("distinct", true);
        commit.put("message", commitMessage(outcome));
        commit.put("timestamp", outcome.getTs().toString());
        commit.put("url", "https://github.com/" + repo + "/commit/" + sha);
        author(commit.putObject("author"), outcome.getUserId());
        author(commit.putObject("committer"), outcome.getUserId());
        push.set("head_commit", commit.deepCopy());
        repository(push, repo);
        ObjectNode pusher = push.putObject("pusher");
        pusher.put("name", SimIdentities.githubLogin(outcome.getUserId()));
        pusher.put("email", SimIdentities.email(outcome.getUserId()));
        push.putObject("sender").put("login", SimIdentities.githubLogin(outcome.getUserId())).put("type", "User");
        return push;
    }

    private static ObjectNode pullRequest(OutcomeEvent outcome) {
        boolean merged = outcome.getKind() == OutcomeKind.PR_MERGED;
        if (!merged && outcome.getKind() != OutcomeKind.PR_OPENED) {
            throw new IllegalArgumentException("GitHub delivers no outcome of kind " + outcome.getKind());
        }
        String repo = repo(outcome);
        long number = number(outcome.getRef());
        String at = outcome.getTs().toString();
        String login = SimIdentities.githubLogin(outcome.getUserId());
        ObjectNode delivery = JSON.createObjectNode();
        delivery.put("action", merged ? "closed" : "opened");
        delivery.put("number", number);
        ObjectNode pr = delivery.putObject("pull_request");
        pr.put("html_url", "https://github.com/" + repo + "/pull/" + number);
        pr.put("number", number);
        pr.put("state", merged ? "closed" : "open");
        pr.put("title", "Simulated change");
        pr.putObject("user").put("login", login).put("type", "User");
        pr.put("body", outcome.getSessionId() == null ? "A simulated change."
                : "A simulated change.\n\n" + SESSION_TRAILER + ": " + outcome.getSessionId());
        pr.put("created_at", at);
        pr.put("updated_at", at);
        if (merged) {
            pr.put("closed_at", at);
            pr.put("merged_at", at);
        } else {
            pr.putNull("closed_at");
            pr.putNull("merged_at");
        }
        pr.put("merged", merged);
        pr.put("draft", false);
        pr.put("additions", outcome.getLinesAdded());
        pr.put("deletions", outcome.getLinesRemoved());
        repository(delivery, repo);
        delivery.putObject("sender").put("login", login).put("type", "User");
        return delivery;
    }

    /** A commit message; an agent's commit that names its session ends with the session trailer. */
    static String commitMessage(OutcomeEvent outcome) {
        String subject = "Simulated change";
        if (outcome.getSessionId() == null) {
            return subject;
        }
        return subject + "\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n" + SESSION_TRAILER + ": "
                + outcome.getSessionId();
    }

    private static void author(ObjectNode author, String userId) {
        author.put("name", userId);
        author.put("email", SimIdentities.email(userId));
        author.put("username", SimIdentities.githubLogin(userId));
    }

    private static void repository(ObjectNode delivery, String repo) {
        ObjectNode repository = delivery.putObject("repository");
        repository.put("name", repo.substring(repo.lastIndexOf('/') + 1));
        repository.put("full_name", repo);
        repository.put("private", true);
    }

    static String repo(OutcomeEvent outcome) {
        return outcome.getRepo() == null || outcome.getRepo().isBlank() ? UNNAMED_REPO : outcome.getRepo();
    }

    /** The commit's sha: its ref if it is one, else a SHA-1 of its event id. */
    private static String sha(OutcomeEvent outcome) {
        String ref = outcome.getRef();
        if (ref != null && ref.matches("[0-9a-f]{40}")) {
            return ref;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(outcome.getEventId().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** A pull request's number: the digits of its ref ({@code #1234}), else one derived from its event id. */
    static long number(String ref) {
        String digits = ref == null ? "" : ref.replaceAll("[^0-9]", "");
        if (!digits.isEmpty() && digits.length() < 10) {
            return Long.parseLong(digits);
        }
        return 1 + Math.floorMod(ref == null ? 0 : ref.hashCode(), 999_999);
    }

    /** GitHub's {@code X-Hub-Signature-256} of {@code body} under {@code secret}. */
    public static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
