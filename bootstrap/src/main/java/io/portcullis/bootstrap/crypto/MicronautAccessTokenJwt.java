package io.portcullis.bootstrap.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.application.oauth.port.out.AccessTokenJwtPort;
import io.portcullis.domain.oauth.SigningKey;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * RFC 9068 access tokens through micronaut-security-jwt: each token is signed by the library's {@code JwtTokenGenerator}
 * over its RSA signature generator (RS256, {@code kid}, {@code typ: at+jwt}: {@link AtJwtSignatureGenerator}) and
 * verified by its {@code RSASignature}, with the database-held key the caller names — the key that signs now, or the
 * published key a token's {@code kid} finds (an unknown {@code kid} finds none and the token is refused). Verification
 * accepts only {@code typ: at+jwt} and RS256.
 * <p>
 * Each key is parsed once ({@link SigningKeyMaterial}, kept by {@code kid}); which key signs stays the decision of
 * {@code SigningKeyService}, which re-reads the keys from the database, so a key rotated on another replica is used
 * here once it activates. An entry is trusted only for the same public key; the few keys a deployment has bound the
 * cache, and it is emptied should it ever hold {@link #MAX_KEYS}.
 * <p>
 * Key generation stays with Nimbus: micronaut-security-jwt signs with configured keys but has no key generation.
 */
public final class MicronautAccessTokenJwt implements AccessTokenJwtPort {
    static final int MAX_KEYS = 32;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SigningKeyMaterial> materials = new ConcurrentHashMap<>();

    @Override
    public KeyPair generate(String kid) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .secureRandom(random).generate();
            return new KeyPair(key.toPublicJWK().toJSONString(), key.toJSONString());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }

    @Override
    public String sign(SigningKey key, Claims c) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", c.issuer());
        claims.put("sub", c.subject());
        claims.put("aud", c.audience());
        claims.put("client_id", c.clientId());
        claims.put("scope", c.scope());
        claims.put("iat", Date.from(c.issuedAt()));
        claims.put("exp", Date.from(c.expiresAt()));
        claims.put("jti", c.jwtId());
        return material(key).generator(key).generateToken(claims)
                .orElseThrow(() -> new IllegalStateException("cannot sign with key " + key.kid()));
    }

    @Override
    public Optional<Claims> verify(String token, Function<String, Optional<SigningKey>> keys) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || !AtJwtSignatureGenerator.AT_JWT.equals(header.getType())
                    || header.getKeyID() == null) {
                return Optional.empty();
            }
            Optional<SigningKey> key = keys.apply(header.getKeyID());
            if (key.isEmpty() || !material(key.get()).verifier().verify(jwt)) {
                return Optional.empty();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (c.getIssueTime() == null || c.getExpirationTime() == null || c.getAudience().size() != 1) {
                return Optional.empty();
            }
            return Optional.of(new Claims(c.getIssuer(), c.getSubject(), c.getAudience().get(0),
                    c.getStringClaim("client_id"), c.getStringClaim("scope"), c.getIssueTime().toInstant(),
                    c.getExpirationTime().toInstant(), c.getJWTID()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The parsed material of {@code key}: kept by {@code kid}, made again if the stored key differs. */
    SigningKeyMaterial material(SigningKey key) {
        SigningKeyMaterial m = materials.get(key.kid());
        if (m != null && m.isOf(key)) {
            return m;
        }
        if (materials.size() >= MAX_KEYS) {
            materials.clear();
        }
        SigningKeyMaterial made = new SigningKeyMaterial(key);
        materials.put(key.kid(), made);
        return made;
    }
}
