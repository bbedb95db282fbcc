package io.burnwatch.streams.connect.receiver;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How webhook senders prove who they are. GitHub signs the raw body with the webhook's secret
 * ({@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256>}); GitLab sends the secret token itself
 * ({@code X-Gitlab-Token}). Both are compared in constant time.
 */
public final class WebhookSignatures {

    private static final String PREFIX = "sha256=";

    private WebhookSignatures() {
    }

    /** GitHub's {@code X-Hub-Signature-256} of {@code body} under {@code secret}: {@code sha256=} and lower-case hex. */
    public static String github(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code header} (null when absent) is GitHub's signature of {@code body} under {@code secret}. */
    public static boolean githubValid(byte[] secret, byte[] body, String header) {
        if (header == null || secret.length == 0) {
            return false;
        }
        byte[] expected = github(secret, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Whether {@code given} (null when absent) is {@code token}. The digests are compared, so that neither the
     * content nor the length of the token shows in the time taken.
     */
    public static boolean tokenValid(String token, String given) {
        if (given == null || token.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(token), sha256(given));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
