package io.burnwatch.streams.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * The bearer tokens the HTTP server accepts: client tokens for the query endpoints, and the peer token instances
 * send each other, which also opens the {@link Access#PEER} endpoints. With no token at all, every route is open
 * (loopback only: the app refuses to bind beyond it without one). Tokens are kept as SHA-256 digests and compared
 * in constant time, every candidate each time.
 */
public final class BearerTokens {

    public static final BearerTokens NONE = new BearerTokens(List.of(), null);

    private static final String SCHEME = "bearer ";

    private final List<byte[]> clients;
    private final byte[] peer;

    private BearerTokens(List<byte[]> clients, byte[] peer) {
        this.clients = clients;
        this.peer = peer;
    }

    /** @param peerToken null or blank when this instance has no peers that authenticate */
    public static BearerTokens of(List<String> clientTokens, String peerToken) {
        List<byte[]> clients = clientTokens.stream().filter(token -> !token.isBlank()).map(BearerTokens::digest).toList();
        return new BearerTokens(clients, peerToken == null || peerToken.isBlank() ? null : digest(peerToken));
    }

    /** Whether any token is configured, so that only OPEN routes answer without one. */
    public boolean required() {
        return !clients.isEmpty() || peer != null;
    }

    /** Null if a request with header {@code Authorization: authorization} may call a route of {@code access}, else the refusal. */
    public HttpAnswer refusal(Access access, String authorization) {
        if (access == Access.OPEN || !required()) {
            return null;
        }
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return unauthorized("This endpoint needs an Authorization: Bearer <token> header");
        }
        byte[] given = digest(authorization.substring(SCHEME.length()).trim());
        boolean isPeer = peer != null && MessageDigest.isEqual(peer, given);
        boolean isClient = false;
        for (byte[] client : clients) {
            isClient |= MessageDigest.isEqual(client, given);
        }
        if (isPeer || (isClient && access == Access.CLIENT)) {
            return null;
        }
        if (isClient) {
            return HttpAnswer.error(403, "Only other burnwatch instances, with the peer token, may call this endpoint");
        }
        return unauthorized("The bearer token is not valid");
    }

    private static HttpAnswer unauthorized(String message) {
        return HttpAnswer.error(401, message).withHeader("WWW-Authenticate", "Bearer realm=\"burnwatch\"");
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
