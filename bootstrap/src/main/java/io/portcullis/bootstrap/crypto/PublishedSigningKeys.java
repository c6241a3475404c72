package io.portcullis.bootstrap.crypto;

import com.nimbusds.jose.jwk.JWK;
import io.micronaut.security.token.jwt.endpoints.JwkProvider;
import io.portcullis.application.oauth.port.in.PublishSigningKeysUseCase;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The database-held public keys for micronaut-security-jwt's {@code KeysController}, which serves them as the JWK Set
 * at {@code micronaut.security.endpoints.keys.path} ({@code /.well-known/jwks.json}). The keys published are the use
 * case's (re-read from the database, so a key rotated on another replica appears here too); they are parsed only
 * when that list changes.
 */
@Singleton
public final class PublishedSigningKeys implements JwkProvider {
    private final PublishSigningKeysUseCase keys;
    private volatile Parsed last = new Parsed(List.of(), List.of());

    public PublishedSigningKeys(PublishSigningKeysUseCase keys) {
        this.keys = keys;
    }

    private record Parsed(List<String> published, List<JWK> jwks) {
    }

    @Override
    public List<JWK> retrieveJsonWebKeys() {
        List<String> published = keys.publishedKeys();
        Parsed parsed = last;
        if (!parsed.published().equals(published)) {
            List<JWK> jwks = new ArrayList<>(published.size());
            for (String json : published) {
                try {
                    jwks.add(JWK.parse(json).toPublicJWK());
                } catch (ParseException e) {
                    throw new IllegalStateException("unreadable public signing key", e);
                }
            }
            parsed = new Parsed(List.copyOf(published), List.copyOf(jwks));
            last = parsed;
        }
        return parsed.jwks();
    }
}
