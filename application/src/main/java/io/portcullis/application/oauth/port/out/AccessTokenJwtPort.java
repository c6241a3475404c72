package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.SigningKey;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** RFC 9068 JWT access tokens: key generation, RS256 signing with {@code typ: at+jwt} and {@code kid}, verification. */
public interface AccessTokenJwtPort {
    /** The claims of an access token (RFC 9068 §2.2). */
    record Claims(String issuer, String subject, String audience, String clientId, String scope, Instant issuedAt,
            Instant expiresAt, String jwtId) {
    }

    /** A new RSA key pair as public and private JWKs carrying {@code kid}. */
    KeyPair generate(String kid);

    /** Public and private JWK (JSON). */
    record KeyPair(String publicJwk, String privateJwk) {
        @Override
        public String toString() {
            return "KeyPair[" + publicJwk + "]";
        }
    }

    String sign(SigningKey key, Claims claims);

    /**
     * The claims of {@code token} when it is a JWT with {@code typ: at+jwt}, signed RS256 by the key {@code keys} finds
     * for its {@code kid}; empty for anything else (unknown kid, bad signature, not a JWT). Expiry is the caller's check.
     */
    Optional<Claims> verify(String token, Function<String, Optional<SigningKey>> keys);
}
