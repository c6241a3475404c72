package io.portcullis.bootstrap.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.claims.ClaimsGenerator;
import io.micronaut.security.token.jwt.endpoints.JwkProvider;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import io.micronaut.security.token.jwt.signature.rsa.RSASignature;
import io.micronaut.security.token.jwt.signature.rsa.RSASignatureGeneratorConfiguration;
import io.portcullis.domain.oauth.SigningKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * One stored signing key, parsed once (not per token): its public JWK, micronaut-security-jwt's {@link RSASignature}
 * that verifies with it, and — built on first use, only for a key that signs — micronaut-security-jwt's
 * {@link JwtTokenGenerator} over {@link AtJwtSignatureGenerator}. A key's material never changes under its
 * {@code kid} (re-sealing changes only how the private key is stored), so it can be kept as long as the key is.
 */
final class SigningKeyMaterial {
    /** The generator is only asked to sign given claims ({@code generateToken(Map)}), never to derive them. */
    private static final ClaimsGenerator NO_DERIVED_CLAIMS = new ClaimsGenerator() {
        @Override
        public Map<String, Object> generateClaims(Authentication authentication, Integer expiration) {
            throw new UnsupportedOperationException("access token claims are given, not derived");
        }

        @Override
        public Map<String, Object> generateClaimsSet(Map<String, ?> oldClaims, Integer expiration) {
            throw new UnsupportedOperationException("access token claims are given, not derived");
        }
    };
    private final String kid;
    private final String publicJwk;
    private final RSAKey publicKey;
    private final RSAPublicKey rsaPublicKey;
    private final RSASignature verifier;
    private volatile JwtTokenGenerator generator;

    SigningKeyMaterial(SigningKey key) {
        this.kid = key.kid();
        this.publicJwk = key.publicJwk();
        try {
            this.publicKey = RSAKey.parse(publicJwk);
            this.rsaPublicKey = publicKey.toRSAPublicKey();
            this.verifier = new RSASignature(() -> rsaPublicKey);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("unreadable public key " + kid, e);
        }
    }

    /** True while this is the material of {@code key} (same id and same public key). */
    boolean isOf(SigningKey key) {
        return kid.equals(key.kid()) && publicJwk.equals(key.publicJwk());
    }

    RSASignature verifier() {
        return verifier;
    }

    JWK publicJwk() {
        return publicKey;
    }

    /** The token generator signing with {@code key}'s private part, parsed the first time it is asked for. */
    JwtTokenGenerator generator(SigningKey key) {
        JwtTokenGenerator g = generator;
        if (g == null) {
            synchronized (this) {
                g = generator;
                if (g == null) {
                    g = new JwtTokenGenerator(new AtJwtSignatureGenerator(generatorConfiguration(key), kid), null,
                            NO_DERIVED_CLAIMS);
                    generator = g;
                }
            }
        }
        return g;
    }

    /** micronaut-security-jwt's RSA generator configuration; as a {@link JwkProvider} it names the {@code kid}. */
    private RSASignatureGeneratorConfiguration generatorConfiguration(SigningKey key) {
        RSAKey pair;
        RSAPrivateKey privateKey;
        try {
            pair = RSAKey.parse(key.privateJwk());
            privateKey = pair.toRSAPrivateKey();
            if (!pair.toRSAPublicKey().equals(rsaPublicKey)) {
                throw new IllegalStateException("private key " + kid + " does not match its public key");
            }
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("unreadable private key " + kid, e);
        }
        return new GeneratorConfiguration(rsaPublicKey, privateKey, publicKey);
    }

    private record GeneratorConfiguration(RSAPublicKey publicKey, RSAPrivateKey privateKey, JWK jwk)
            implements RSASignatureGeneratorConfiguration, JwkProvider {
        @Override
        public RSAPublicKey getPublicKey() {
            return publicKey;
        }

        @Override
        public RSAPrivateKey getPrivateKey() {
            return privateKey;
        }

        @Override
        public String toString() {
            return "GeneratorConfiguration[" + jwk.getKeyID() + "]";
        }

        @Override
        public JWSAlgorithm getJwsAlgorithm() {
            return JWSAlgorithm.RS256;
        }

        @Override
        public List<JWK> retrieveJsonWebKeys() {
            return List.of(jwk);
        }
    }
}
