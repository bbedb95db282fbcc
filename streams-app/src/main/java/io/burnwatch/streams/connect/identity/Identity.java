package io.burnwatch.streams.connect.identity;

import java.util.Locale;

/**
 * A name a person goes by in one system: an email in agent telemetry, a login on GitHub or GitLab. Its key in the
 * identity map is {@code <kind>:<value>}, emails in lower case.
 */
public record Identity(Kind kind, String value) {

    public enum Kind { EMAIL, GITHUB, GITLAB, ACCOUNT }

    public static Identity email(String address) {
        return new Identity(Kind.EMAIL, address.trim().toLowerCase(Locale.ROOT));
    }

    public static Identity github(String login) {
        return new Identity(Kind.GITHUB, login.trim());
    }

    public static Identity gitlab(String username) {
        return new Identity(Kind.GITLAB, username.trim());
    }

    /** An agent vendor's account id, e.g. Claude Code's {@code user.account_uuid}. */
    public static Identity account(String id) {
        return new Identity(Kind.ACCOUNT, id.trim());
    }

    /** The identity map's key for this identity. */
    public String key() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
    }

    /** Parses a key as the identity command and map write it; the kind is case-insensitive. */
    public static Identity parse(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            throw new IllegalArgumentException("an identity is <kind>:<name>, kind one of email, github, gitlab, account");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(key.substring(0, colon).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown identity kind '" + key.substring(0, colon)
                    + "': use email, github, gitlab or account");
        }
        String value = key.substring(colon + 1);
        return kind == Kind.EMAIL ? email(value) : new Identity(kind, value.trim());
    }
}
