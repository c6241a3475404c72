package io.portcullis.bootstrap.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.rsa.RSASignatureGenerator;
import io.micronaut.security.token.jwt.signature.rsa.RSASignatureGeneratorConfiguration;
import java.security.interfaces.RSAPrivateKey;

/**
 * micronaut-security-jwt's RSA signature generator for one stored key, with the RFC 9068 header. The library's
 * {@code RSASignatureGenerator.signWithPrivateKey} builds the header from the algorithm and the {@code kid} alone
 * ({@code new JWSHeader.Builder(algorithm).keyID(keyId)}) and offers no way to add a header type, so this override
 * builds the same header with {@code typ: at+jwt}; everything around it (the configuration, the algorithm check, the
 * {@code JwtTokenGenerator} that calls it) is the library's.
 */
final class AtJwtSignatureGenerator extends RSASignatureGenerator {
    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    private final JWSHeader header;
    private final RSASSASigner signer;

    AtJwtSignatureGenerator(RSASignatureGeneratorConfiguration config, String kid) {
        super(config);
        this.header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(AT_JWT).keyID(kid).build();
        this.signer = new RSASSASigner(config.getPrivateKey());
    }

    @Override
    protected SignedJWT signWithPrivateKey(JWTClaimsSet claims, RSAPrivateKey privateKey) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt;
    }
}
