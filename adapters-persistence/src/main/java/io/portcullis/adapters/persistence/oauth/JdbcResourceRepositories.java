package io.portcullis.adapters.persistence.oauth;

import io.portcullis.adapters.persistence.oauth.ResourceRowRepositories.ResourceRowRepository;
import io.portcullis.adapters.persistence.oauth.ResourceRowRepositories.ResourceTokenRowRepository;
import io.portcullis.adapters.persistence.oauth.ResourceRowRepositories.SigningKeyRowRepository;
import io.portcullis.adapters.persistence.oauth.ResourceRows.ResourceRow;
import io.portcullis.adapters.persistence.oauth.ResourceRows.ResourceTokenRow;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.oauth.port.out.RegisteredResourceRepository;
import io.portcullis.application.oauth.port.out.ResourceAccessTokenRepository;
import io.portcullis.application.oauth.port.out.SigningKeyRepository;
import io.portcullis.application.shared.port.out.SecretCipherPort;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.AccessTokenFormat;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.oauth.ResourceAccessToken;
import io.portcullis.domain.oauth.SigningKey;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.SecretDigest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The stores of PRODUCT §7: registered resources, their access tokens, and the sealed signing keys. */
public final class JdbcResourceRepositories {
    private JdbcResourceRepositories() {
    }

    /** {@code oauth2_resource}; descriptions are kept parallel to the scopes ('' for none). */
    @Singleton
    public static final class Resources implements RegisteredResourceRepository {
        private final ResourceRowRepository rows;

        Resources(ResourceRowRepository rows) {
            this.rows = rows;
        }

        @Override
        public boolean insert(RegisteredResource r) {
            return rows.insertUnlessTaken(r.id(), r.resource().value(), r.displayName(), r.scopes().toArray(String[]::new),
                    descriptions(r), r.tokenFormat().wire(), (int) r.accessTokenLifetime().toSeconds(),
                    r.introspectionClientId(), r.createdAt(), r.updatedAt()) == 1;
        }

        @Override
        public boolean update(RegisteredResource r) {
            return rows.updateUnlessTaken(r.id(), r.resource().value(), r.displayName(), r.scopes().toArray(String[]::new),
                    descriptions(r), r.tokenFormat().wire(), (int) r.accessTokenLifetime().toSeconds(), r.updatedAt()) == 1;
        }

        @Override
        public Optional<RegisteredResource> findById(UUID id) {
            return rows.findById(id).map(Resources::resource);
        }

        @Override
        public Optional<RegisteredResource> findByResource(ResourceUri resource) {
            return rows.findByResource(resource.value()).map(Resources::resource);
        }

        @Override
        public List<RegisteredResource> list() {
            return rows.listOrdered().stream().map(Resources::resource).toList();
        }

        @Override
        public boolean delete(UUID id) {
            return rows.deleteResource(id) == 1;
        }

        private static String[] descriptions(RegisteredResource r) {
            return r.scopes().stream().map(s -> r.scopeDescriptions().getOrDefault(s, "")).toArray(String[]::new);
        }

        private static RegisteredResource resource(ResourceRow r) {
            Map<String, String> described = new LinkedHashMap<>();
            for (int i = 0; i < r.scopes().length; i++) {
                if (!r.scopeDescriptions()[i].isEmpty()) {
                    described.put(r.scopes()[i], r.scopeDescriptions()[i]);
                }
            }
            return new RegisteredResource(r.id(), new ResourceUri(r.resource()), r.displayName(), List.of(r.scopes()),
                    described, AccessTokenFormat.fromWire(r.accessTokenFormat()).orElseThrow(),
                    Duration.ofSeconds(r.accessTokenLifetimeSeconds()), r.introspectionAppId(), r.createdAt(), r.updatedAt());
        }
    }

    /** {@code oauth2_resource_token}; a token goes with its grant, client or user (ON DELETE CASCADE). */
    @Singleton
    public static final class ResourceTokens implements ResourceAccessTokenRepository {
        private final ResourceTokenRowRepository rows;

        ResourceTokens(ResourceTokenRowRepository rows) {
            this.rows = rows;
        }

        @Override
        public void insert(ResourceAccessToken t) {
            rows.insert(new ResourceTokenRow(t.id(), t.format().wire(), t.prefix().orElse(null),
                    t.digest().map(SecretDigest::bytes).orElse(null), t.clientId(), t.userId().orElse(null),
                    t.grantId().orElse(null), t.audience().value(), t.scope().values().toArray(String[]::new), t.issuedAt(),
                    t.expiresAt()));
        }

        @Override
        public Optional<ResourceAccessToken> findById(UUID id) {
            return rows.findById(id).map(ResourceTokens::token);
        }

        @Override
        public Optional<ResourceAccessToken> findByPrefix(String prefix) {
            return rows.findByPrefix(prefix).map(ResourceTokens::token);
        }

        @Override
        public boolean delete(UUID id) {
            return rows.deleteToken(id) == 1;
        }

        @Override
        public int deleteIssuedFor(ResourceUri audience) {
            int grants = rows.deleteGrantsByResource(audience.value());
            return grants + rows.deleteByAudience(audience.value());
        }

        @Override
        public int deleteExpiredBefore(Instant cutoff) {
            return rows.deleteExpiredBefore(cutoff);
        }

        private static ResourceAccessToken token(ResourceTokenRow r) {
            return new ResourceAccessToken(r.id(), AccessTokenFormat.fromWire(r.format()).orElseThrow(),
                    Optional.ofNullable(r.prefix()), Optional.ofNullable(r.tokenDigest()).map(SecretDigest::new), r.appId(),
                    Optional.ofNullable(r.userId()), Optional.ofNullable(r.grantId()), new ResourceUri(r.audience()),
                    ScopeSet.of(List.of(r.scope())), r.issuedAt(), r.expiresAt());
        }
    }

    /** {@code oauth2_signing_key}; the private JWK is sealed with {@link SecretCipherPort}. */
    @Singleton
    public static final class SigningKeys implements SigningKeyRepository {
        private final SigningKeyRowRepository rows;
        private final JdbcUnitOfWork unitOfWork;
        private final SecretCipherPort cipher;

        SigningKeys(SigningKeyRowRepository rows, JdbcUnitOfWork unitOfWork, SecretCipherPort cipher) {
            this.rows = rows;
            this.unitOfWork = unitOfWork;
            this.cipher = cipher;
        }

        @Override
        public List<SigningKey> list() {
            return rows.listOrdered().stream().map(r -> new SigningKey(r.kid(), r.publicJwk(), cipher.open(r.privateJwkSealed()),
                    r.createdAt(), r.activatesAt(), Optional.ofNullable(r.retiresAt()))).toList();
        }

        @Override
        public boolean insertFirst(SigningKey k) {
            return unitOfWork.inTransaction(() -> {
                rows.lockFirstKey();
                return rows.insertFirst(k.kid(), k.publicJwk(), cipher.seal(k.privateJwk()), k.createdAt(),
                        k.activatesAt()) == 1;
            });
        }

        @Override
        public void save(List<SigningKey> keys) {
            unitOfWork.inTransaction(() -> {
                for (SigningKey k : keys) {
                    rows.upsert(k.kid(), k.publicJwk(), cipher.seal(k.privateJwk()), k.createdAt(), k.activatesAt(),
                            k.retiresAt().orElse(null));
                }
                return null;
            });
        }
    }
}
