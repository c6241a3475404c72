package io.portcullis.bootstrap.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.application.oauth.port.out.AccessTokenJwtPort;
import io.portcullis.domain.oauth.SigningKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The RFC 9068 adapter over micronaut-security-jwt: the token's header and claims, and each key parsed once per
 * {@code kid} instead of on every signature.
 */
class MicronautAccessTokenJwtTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private final MicronautAccessTokenJwt jwt = new MicronautAccessTokenJwt();
    private final SigningKey key = key(jwt, "kid-one");

    private static SigningKey key(MicronautAccessTokenJwt jwt, String kid) {
        AccessTokenJwtPort.KeyPair pair = jwt.generate(kid);
        return new SigningKey(kid, pair.publicJwk(), pair.privateJwk(), NOW, NOW, Optional.empty());
    }

    private static AccessTokenJwtPort.Claims claims(String jti) {
        return new AccessTokenJwtPort.Claims("https://auth.example", "client-1", "https://files.example/mcp", "client-1",
                "files:read", NOW, NOW.plusSeconds(300), jti);
    }

    private static Optional<SigningKey> only(SigningKey key, String kid) {
        return key.kid().equals(kid) ? Optional.of(key) : Optional.empty();
    }

    @Test
    void signWhenIssuedThenHeaderIsRs256AtJwtWithKidOnlyAndClaimsRoundTrip() throws Exception {
        String token = jwt.sign(key, claims("jti-1"));
        SignedJWT parsed = SignedJWT.parse(token);
        Map<String, Object> header = parsed.getHeader().toJSONObject();
        assertThat(header).containsOnly(Map.entry("alg", "RS256"), Map.entry("typ", "at+jwt"), Map.entry("kid", "kid-one"));
        // a single audience is a string, times are seconds since the epoch (RFC 9068 §2.2, RFC 7519 §4.1)
        String payload = new Base64URL(token.split("\\.")[1]).decodeToString();
        assertThat(payload).contains("\"aud\":\"https://files.example/mcp\"").contains("\"exp\":" + NOW.plusSeconds(300)
                .getEpochSecond()).contains("\"iat\":" + NOW.getEpochSecond());
        assertThat(jwt.verify(token, kid -> only(key, kid))).contains(claims("jti-1"));
    }

    @Test
    void signWhenSameKeyAgainThenItsPrivatePartIsNotParsedAgain() {
        jwt.sign(key, claims("jti-1"));
        SigningKeyMaterial first = jwt.material(key);
        // the same stored key with an unreadable private part: signing still works, so nothing parsed it again
        SigningKey unreadable = new SigningKey(key.kid(), key.publicJwk(), "{not a jwk", NOW, NOW, Optional.empty());
        String token = jwt.sign(unreadable, claims("jti-2"));
        assertThat(jwt.material(unreadable)).isSameAs(first);
        assertThat(jwt.verify(token, kid -> only(key, kid))).map(AccessTokenJwtPort.Claims::jwtId).contains("jti-2");
    }

    @Test
    void materialWhenAnotherKeyUnderTheSameKidThenParsedAfreshAndOldTokensRefused() {
        String token = jwt.sign(key, claims("jti-1"));
        SigningKey replaced = key(jwt, key.kid());
        assertThat(jwt.material(replaced)).isNotSameAs(jwt.material(key));
        assertThat(jwt.verify(token, kid -> only(replaced, kid))).isEmpty();
        assertThat(jwt.verify(jwt.sign(replaced, claims("jti-3")), kid -> only(replaced, kid))).isPresent();
    }

    @Test
    void verifyWhenKidUnknownThenRefusedWithoutLookingFurther() {
        String token = jwt.sign(key, claims("jti-1"));
        assertThat(jwt.verify(token, kid -> Optional.empty())).isEmpty();
        assertThat(jwt.verify("not.a.jwt", kid -> only(key, kid))).isEmpty();
    }
}
