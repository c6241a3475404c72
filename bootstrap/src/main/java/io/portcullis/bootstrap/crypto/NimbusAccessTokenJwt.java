package io.portcullis.bootstrap.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
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
import java.util.Optional;
import java.util.function.Function;

/**
 * RFC 9068 access tokens with Nimbus JOSE: 2048-bit RSA keys, RS256, header {@code typ: at+jwt} and {@code kid}.
 * Verification accepts only that type and algorithm, with the key its {@code kid} names.
 */
public final class NimbusAccessTokenJwt implements AccessTokenJwtPort {
    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    private final SecureRandom random = new SecureRandom();

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
        try {
            RSAKey rsa = RSAKey.parse(key.privateJwk());
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(c.issuer()).subject(c.subject()).audience(c.audience())
                    .claim("client_id", c.clientId()).claim("scope", c.scope()).issueTime(Date.from(c.issuedAt()))
                    .expirationTime(Date.from(c.expiresAt())).jwtID(c.jwtId()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(AT_JWT).keyID(key.kid()).build(),
                    claims);
            jwt.sign(new RSASSASigner(rsa));
            return jwt.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid(), e);
        }
    }

    @Override
    public Optional<Claims> verify(String token, Function<String, Optional<SigningKey>> keys) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || !AT_JWT.equals(header.getType())
                    || header.getKeyID() == null) {
                return Optional.empty();
            }
            Optional<SigningKey> key = keys.apply(header.getKeyID());
            if (key.isEmpty() || !jwt.verify(new RSASSAVerifier(RSAKey.parse(key.get().publicJwk())))) {
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
}
