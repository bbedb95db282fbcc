package io.burnwatch.local.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** The bearer token that guards {@code PUT /config}: none, or one compared in constant time. */
final class ConfigToken {

    static final ConfigToken NONE = new ConfigToken(null);

    private final byte[] digest;

    private ConfigToken(byte[] digest) {
        this.digest = digest;
    }

    /** @param token null or blank for none */
    static ConfigToken of(String token) {
        return token == null || token.isBlank() ? NONE : new ConfigToken(digest(token.trim()));
    }

    boolean required() {
        return digest != null;
    }

    boolean admits(String authorization) {
        if (digest == null) {
            return true;
        }
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(digest, digest(authorization.substring("bearer ".length()).trim()));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
