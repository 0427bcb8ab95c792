package io.reprotect.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Callback tokens: {@code <callbackId>.<secret>}, the secret {@value #SECRET_BYTES} random bytes (base64url). Only
 * the id and a SHA-256 of the secret are stored; the secret is in the callback URL the target got, and nowhere
 * else.
 */
final class CallbackTokens {

    /** Random bytes of a callback secret: 256 bits, unguessable. */
    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token for {@code callbackId} and the hash to store. */
    record Token(String value, String secretHash) {
    }

    private CallbackTokens() {
    }

    static Token issue(String callbackId) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Token(callbackId + "." + text, hash(text));
    }

    /** The callback id of a token whose secret matches one of {@code hashes}, compared in constant time. */
    static boolean matches(String secret, List<String> hashes) {
        byte[] given = hash(secret).getBytes(StandardCharsets.US_ASCII);
        boolean found = false;
        for (String h : hashes == null ? List.<String>of() : hashes) {
            found |= MessageDigest.isEqual(given, h.getBytes(StandardCharsets.US_ASCII));
        }
        return found;
    }

    /** The id and secret of a token, if it has that shape. */
    static Optional<String[]> split(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        return dot <= 0 || dot == token.length() - 1 ? Optional.empty()
                : Optional.of(new String[] {token.substring(0, dot), token.substring(dot + 1)});
    }

    private static String hash(String secret) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
