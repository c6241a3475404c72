package io.portcullis.application.identity.service;

import io.portcullis.application.shared.port.out.SecretCipherPort;
import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.Optional;

/**
 * A sign-in waiting for the provider's callback: state, nonce and PKCE verifier, sealed (authenticated encryption
 * under the deployment's keys) into one value the browser keeps in a cookie. Every replica can open it, and nobody
 * without the keys can read or forge it; the callback's {@code state} must equal the sealed one.
 */
record PendingOidcSignIn(String provider, String state, String nonce, String verifier, String redirect, Instant expiresAt) {

    String seal(SecretCipherPort cipher) {
        return cipher.seal(String.join("\n", provider, state, nonce, verifier, redirect,
                Long.toString(expiresAt.getEpochSecond())));
    }

    /** The pending sign-in in {@code sealed}, if it opens, is for {@code provider}, matches {@code state} and is unexpired. */
    static Optional<PendingOidcSignIn> open(SecretCipherPort cipher, String sealed, String provider, String state,
            Instant now) {
        if (sealed == null || sealed.isEmpty() || state == null) {
            return Optional.empty();
        }
        String[] f;
        try {
            f = cipher.open(sealed).split("\n", -1);
        } catch (RuntimeException tamperedOrUnknownKey) {
            return Optional.empty();
        }
        if (f.length != 6) {
            return Optional.empty();
        }
        PendingOidcSignIn pending = new PendingOidcSignIn(f[0], f[1], f[2], f[3], f[4],
                Instant.ofEpochSecond(Long.parseLong(f[5])));
        boolean matches = pending.provider.equals(provider) && SecretDigest.of(pending.state).matches(state);
        return matches && now.isBefore(pending.expiresAt) ? Optional.of(pending) : Optional.empty();
    }
}
