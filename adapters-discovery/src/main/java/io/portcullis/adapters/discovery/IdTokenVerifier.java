package io.portcullis.adapters.discovery;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks an ID token (OIDC Core §3.1.3.7) with Nimbus: signed by a key of the provider's JWKS with an algorithm the
 * provider advertises ({@code none} and HMAC never), {@code iss} equal to the issuer, {@code aud} containing the client
 * id, unexpired ({@code exp}, 60 s skew), {@code sub} present, {@code nonce} equal to the one sent. The JWKS is cached
 * per provider and fetched again once when a token names a key it does not hold (key rotation).
 */
final class IdTokenVerifier {
    private final Map<String, JWKSet> keySets = new ConcurrentHashMap<>();

    /** The checked claims, or why the token is refused; {@code fetchJwks} reads the JWKS through the guarded client. */
    Result verify(String idToken, OidcProviderMetadata metadata, String clientId, String nonce,
            Function<String, Optional<JWKSet>> fetchJwks) {
        Optional<JWKSet> keys = Optional.ofNullable(keySets.get(metadata.jwksUri())).or(() -> fetch(metadata, fetchJwks));
        if (keys.isEmpty()) {
            return new Result(null, "the provider's JWKS could not be read");
        }
        Result first = check(idToken, metadata, clientId, nonce, keys.get());
        if (first.claims() != null || !first.reason().contains("key")) {
            return first;
        }
        Optional<JWKSet> again = fetch(metadata, fetchJwks);
        return again.isEmpty() ? first : check(idToken, metadata, clientId, nonce, again.get());
    }

    private Optional<JWKSet> fetch(OidcProviderMetadata metadata, Function<String, Optional<JWKSet>> fetchJwks) {
        Optional<JWKSet> fetched = fetchJwks.apply(metadata.jwksUri());
        fetched.ifPresent(set -> keySets.put(metadata.jwksUri(), set));
        return fetched;
    }

    private static Result check(String idToken, OidcProviderMetadata metadata, String clientId, String nonce, JWKSet keys) {
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        for (String name : metadata.signingAlgorithms()) {
            JWSAlgorithm a = JWSAlgorithm.parse(name);
            if (JWSAlgorithm.Family.SIGNATURE.contains(a)) {
                algorithms.add(a);
            }
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(metadata.issuer()).build(), Set.of("sub", "exp", "iat")));
        try {
            JWTClaimsSet claims = processor.process(idToken, null);
            Object sent = claims.getClaim("nonce");
            if (!(sent instanceof String s) || !MessageDigest.isEqual(s.getBytes(StandardCharsets.UTF_8),
                    nonce.getBytes(StandardCharsets.UTF_8))) {
                return new Result(null, "the ID token's nonce does not match this sign-in");
            }
            return new Result(claims, null);
        } catch (ParseException e) {
            return new Result(null, "the ID token is not a JWT");
        } catch (BadJOSEException | com.nimbusds.jose.JOSEException e) {
            return new Result(null, "the ID token was refused: " + e.getMessage());
        }
    }

    /** Either the checked claims or the reason for refusing them. */
    record Result(JWTClaimsSet claims, String reason) {
    }
}
