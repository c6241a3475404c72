package io.portcullis.adapters.persistence.registry;

import io.portcullis.adapters.persistence.registry.RegistryRowRepositories.ServerRowRepository;
import io.portcullis.adapters.persistence.registry.RegistryRowRepositories.StateRowRepository;
import io.portcullis.adapters.persistence.registry.RegistryRowRepositories.TokenRowRepository;
import io.portcullis.adapters.persistence.registry.RegistryRows.ServerRow;
import io.portcullis.adapters.persistence.registry.RegistryRows.StateRow;
import io.portcullis.adapters.persistence.registry.RegistryRows.TokenRow;
import io.portcullis.adapters.persistence.shared.JdbcUnitOfWork;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthStateRepository;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.shared.port.out.SecretCipherPort;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamAuthState;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.SecretDigest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The registry's stores. Every secret column is sealed with {@link SecretCipherPort} before it is written. */
public final class JdbcRegistryRepositories {
    private JdbcRegistryRepositories() {
    }

    private static String sealed(SecretCipherPort cipher, Optional<String> value) {
        return value.map(cipher::seal).orElse(null);
    }

    private static Optional<String> open(SecretCipherPort cipher, String sealed) {
        return Optional.ofNullable(sealed).map(cipher::open);
    }

    /** Custom headers as one sealed value: name and value base64url-encoded, so any characters survive. */
    static String encodeHeaders(Map<String, String> headers) {
        StringBuilder out = new StringBuilder();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        headers.forEach((k, v) -> out.append(out.length() == 0 ? "" : "\n").append(b64.encodeToString(k.getBytes(StandardCharsets.UTF_8)))
                .append(':').append(b64.encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return out.toString();
    }

    static Map<String, String> decodeHeaders(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        Base64.Decoder b64 = Base64.getUrlDecoder();
        for (String line : encoded.split("\n")) {
            if (!line.isEmpty()) {
                int colon = line.indexOf(':');
                out.put(new String(b64.decode(line.substring(0, colon)), StandardCharsets.UTF_8),
                        new String(b64.decode(line.substring(colon + 1)), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** {@code mcp_server}. */
    @Singleton
    public static final class Servers implements McpServerRepository {
        private final ServerRowRepository rows;
        private final JdbcUnitOfWork unitOfWork;
        private final SecretCipherPort cipher;

        Servers(ServerRowRepository rows, JdbcUnitOfWork unitOfWork, SecretCipherPort cipher) {
            this.rows = rows;
            this.unitOfWork = unitOfWork;
            this.cipher = cipher;
        }

        @Override
        public boolean insert(McpServerConfig c) {
            ServerRow row = new ServerRow(c.id(), c.displayName(), c.slug(), c.description(), c.iconUrl(), c.transport().wire(),
                    c.url(), c.authType().wire(), c.oauth2ClientId(), sealed(cipher, c.oauth2ClientSecret()), c.oauth2AuthUrl(),
                    c.oauth2TokenUrl(), c.oauth2Scopes(), c.apiKeyHeader(), sealed(cipher, c.apiKeyValue()), headers(c),
                    c.toolAllowList().toArray(String[]::new), c.toolDenyList().toArray(String[]::new), c.availability().wire(),
                    c.enabled(), c.createdAt(), c.updatedAt(), c.oauth2RevocationUrl(), c.oauth2Issuer(),
                    c.oauth2IssParameterSupported());
            return unitOfWork.insertUnlessDuplicate(() -> rows.insert(row));
        }

        @Override
        public boolean update(McpServerConfig c) {
            return unitOfWork.updateUnlessDuplicate(() -> rows.updateServer(c.id(), c.displayName(), c.slug(), c.description(),
                    c.iconUrl(), c.transport().wire(), c.url(), c.authType().wire(), c.oauth2ClientId(),
                    sealed(cipher, c.oauth2ClientSecret()), c.oauth2AuthUrl(), c.oauth2TokenUrl(), c.oauth2Scopes(),
                    c.apiKeyHeader(), sealed(cipher, c.apiKeyValue()), headers(c), c.toolAllowList().toArray(String[]::new),
                    c.toolDenyList().toArray(String[]::new), c.availability().wire(), c.enabled(), c.updatedAt(),
                    c.oauth2RevocationUrl(), c.oauth2Issuer(), c.oauth2IssParameterSupported())) == 1;
        }

        private String headers(McpServerConfig c) {
            return c.customHeaders().isEmpty() ? null : cipher.seal(encodeHeaders(c.customHeaders()));
        }

        @Override
        public Optional<McpServerConfig> findById(UUID id) {
            return rows.findById(id).map(this::config);
        }

        @Override
        public Optional<McpServerConfig> findBySlug(String slug) {
            return rows.findBySlug(slug).map(this::config);
        }

        @Override
        public List<McpServerConfig> list() {
            return rows.listOrdered().stream().map(this::config).toList();
        }

        @Override
        public boolean delete(UUID id) {
            return rows.deleteServer(id) == 1;
        }

        private McpServerConfig config(ServerRow r) {
            String headers = r.customHeadersSealed();
            return new McpServerConfig(r.id(), r.displayName(), r.slug(), r.description(), r.iconUrl(),
                    McpServerConfig.Transport.valueOf(r.transport().toUpperCase(Locale.ROOT)), r.url(),
                    McpServerConfig.AuthType.valueOf(r.authType().toUpperCase(Locale.ROOT)), r.oauth2ClientId(),
                    open(cipher, r.oauth2ClientSecretSealed()), r.oauth2AuthUrl(), r.oauth2TokenUrl(), r.oauth2Scopes(),
                    r.apiKeyHeader(), open(cipher, r.apiKeyValueSealed()),
                    headers == null ? Map.of() : decodeHeaders(cipher.open(headers)), List.of(r.toolAllowList()),
                    List.of(r.toolDenyList()), McpServerConfig.Availability.valueOf(r.availability().toUpperCase(Locale.ROOT)),
                    r.enabled(), r.createdAt(), r.updatedAt(), r.oauth2RevocationUrl(), r.oauth2Issuer(),
                    r.oauth2IssParameterSupported());
        }
    }

    /** {@code mcp_server_user_token}. */
    @Singleton
    public static final class Tokens implements UpstreamTokenRepository {
        private final TokenRowRepository rows;
        private final SecretCipherPort cipher;

        Tokens(TokenRowRepository rows, SecretCipherPort cipher) {
            this.rows = rows;
            this.cipher = cipher;
        }

        @Override
        public void save(UpstreamToken t) {
            rows.upsert(new TokenRow(t.serverId(), t.userId(), cipher.seal(t.accessToken()), sealed(cipher, t.refreshToken()),
                    t.tokenType(), t.expiresAt().orElse(null), t.updatedAt(), t.scope(), t.stepUpScope().orElse(null)));
        }

        @Override
        public Optional<UpstreamToken> find(UUID serverId, UUID userId) {
            return rows.find(serverId, userId).map(this::token);
        }

        @Override
        public Optional<UpstreamToken> findForUpdate(UUID serverId, UUID userId) {
            return rows.findForUpdate(serverId, userId).map(this::token);
        }

        @Override
        public List<UpstreamToken> listByUser(UUID userId) {
            return rows.listByUser(userId).stream().map(this::token).toList();
        }

        @Override
        public boolean delete(UUID serverId, UUID userId) {
            return rows.deleteToken(serverId, userId) == 1;
        }

        @Override
        public void deleteByServer(UUID serverId) {
            rows.deleteByServer(serverId);
        }

        @Override
        public void markStepUp(UUID serverId, UUID userId, String scope) {
            rows.markStepUp(serverId, userId, scope);
        }

        private UpstreamToken token(TokenRow r) {
            return new UpstreamToken(r.serverId(), r.userId(), cipher.open(r.accessTokenSealed()),
                    open(cipher, r.refreshTokenSealed()), r.tokenType(), Optional.ofNullable(r.expiresAt()), r.updatedAt(),
                    r.scope(), Optional.ofNullable(r.stepUpScope()));
        }
    }

    /** {@code mcp_oauth_state}; taken with DELETE … RETURNING so a state works once. */
    @Singleton
    public static final class States implements UpstreamAuthStateRepository {
        private final StateRowRepository rows;
        private final SecretCipherPort cipher;

        States(StateRowRepository rows, SecretCipherPort cipher) {
            this.rows = rows;
            this.cipher = cipher;
        }

        @Override
        public void insert(UpstreamAuthState s) {
            rows.insert(new StateRow(s.stateDigest().bytes(), s.serverId(), s.userId(), cipher.seal(s.codeVerifier()),
                    s.expiresAt(), s.expectedIssuer(), s.issRequired(), s.scope()));
        }

        @Override
        public Optional<UpstreamAuthState> take(SecretDigest stateDigest) {
            return rows.take(stateDigest.bytes()).stream().findFirst().map(r -> new UpstreamAuthState(
                    new SecretDigest(r.stateDigest()), r.serverId(), r.userId(), cipher.open(r.codeVerifierSealed()),
                    r.expiresAt(), r.expectedIssuer(), r.issRequired(), r.scope()));
        }

        @Override
        public int deleteExpiredBefore(java.time.Instant cutoff) {
            return rows.deleteExpiredBefore(cutoff);
        }
    }
}
