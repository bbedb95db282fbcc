package io.burnwatch.sim.receiver;

import java.util.Locale;

/**
 * The names a simulated user goes by outside burnwatch: the email its agent's telemetry carries and the GitHub login
 * its commits and pull requests are delivered under. A user id that is already an email is its own email; any other
 * becomes {@code <user_id>@sim.burnwatch}. The receiver's traffic names people by these, and burnwatch maps them
 * back to the user id through the identity map ({@code email:<email>} and {@code github:<login>} to the user id), as
 * a company does with the identity command; the simulator writes those entries before it sends.
 *
 * <p>The scorer needs none of this: it matches alerts to ground truth by session id only, and session ids travel
 * unchanged ({@code session.id}, the {@code Claude-Session} trailer). The map matters to detection: an outcome
 * resolves its user's alerts only if it lands under the same user id as the usage, and a pull request is delivered
 * under the author's login, not the email. Should the map not be loaded yet when the first calls arrive, those count
 * under the email, usage and commits alike (burnwatch falls back to the email for both).
 */
public final class SimIdentities {

    public static final String EMAIL_DOMAIN = "sim.burnwatch";

    private SimIdentities() {
    }

    /** The email of {@code userId}: itself if it is email-shaped, else {@code <user_id>@sim.burnwatch}. */
    public static String email(String userId) {
        return userId.contains("@") ? userId : userId + "@" + EMAIL_DOMAIN;
    }

    /** A GitHub login for {@code userId}: letters, digits and hyphens only, as GitHub allows. */
    public static String githubLogin(String userId) {
        String login = userId.replaceAll("[^A-Za-z0-9-]", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        return login.isEmpty() ? "sim-user" : login;
    }

    /** The identity-map key of {@code userId}'s email, as burnwatch normalises it (lower case). */
    public static String emailKey(String userId) {
        return "email:" + email(userId).trim().toLowerCase(Locale.ROOT);
    }

    /** The identity-map key of {@code userId}'s GitHub login. */
    public static String githubKey(String userId) {
        return "github:" + githubLogin(userId);
    }
}
