package io.portcullis.adapters.persistence.registry;

import io.portcullis.adapters.persistence.shared.Sql;
import io.portcullis.application.registry.port.out.McpServerRepository;
import io.portcullis.application.registry.port.out.UpstreamAuthStateRepository;
import io.portcullis.application.registry.port.out.UpstreamTokenRepository;
import io.portcullis.application.shared.port.out.SecretCipherPort;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.UpstreamAuthState;
import io.portcullis.domain.registry.UpstreamToken;
import io.portcullis.domain.shared.SecretDigest;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private static Object sealed(SecretCipherPort cipher, Optional<String> value) {
        return value.<Object>map(cipher::seal).orElse(Sql.NullOf.TEXT);
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
    public static final class Servers implements McpServerRepository {
        private static final String COLUMNS = "id, display_name, slug, description, icon_url, transport, url, auth_type,"
                + " oauth2_client_id, oauth2_client_secret_sealed, oauth2_auth_url, oauth2_token_url, oauth2_scopes,"
                + " api_key_header, api_key_value_sealed, custom_headers_sealed, tool_allow_list, tool_deny_list, availability,"
                + " enabled, created_at, updated_at, oauth2_revocation_url";
        private final Sql sql;
        private final SecretCipherPort cipher;

        public Servers(Sql sql, SecretCipherPort cipher) {
            this.sql = sql;
            this.cipher = cipher;
        }

        @Override
        public boolean insert(McpServerConfig c) {
            return sql.insertUnique("INSERT INTO mcp_server (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?)", c.id(), c.displayName(), c.slug(), c.description(), c.iconUrl(), c.transport().wire(),
                    c.url(), c.authType().wire(), c.oauth2ClientId(), sealed(cipher, c.oauth2ClientSecret()), c.oauth2AuthUrl(),
                    c.oauth2TokenUrl(), c.oauth2Scopes(), c.apiKeyHeader(), sealed(cipher, c.apiKeyValue()), headers(c),
                    new Sql.TextArray(c.toolAllowList()), new Sql.TextArray(c.toolDenyList()), c.availability().wire(),
                    c.enabled(), c.createdAt(), c.updatedAt(), c.oauth2RevocationUrl());
        }

        @Override
        public boolean update(McpServerConfig c) {
            return sql.updateUnique("UPDATE mcp_server SET display_name = ?, slug = ?, description = ?, icon_url = ?, transport = ?,"
                    + " url = ?, auth_type = ?, oauth2_client_id = ?, oauth2_client_secret_sealed = ?, oauth2_auth_url = ?,"
                    + " oauth2_token_url = ?, oauth2_scopes = ?, api_key_header = ?, api_key_value_sealed = ?,"
                    + " custom_headers_sealed = ?, tool_allow_list = ?, tool_deny_list = ?, availability = ?, enabled = ?,"
                    + " updated_at = ?, oauth2_revocation_url = ? WHERE id = ?", c.displayName(), c.slug(), c.description(), c.iconUrl(),
                    c.transport().wire(), c.url(), c.authType().wire(), c.oauth2ClientId(), sealed(cipher, c.oauth2ClientSecret()),
                    c.oauth2AuthUrl(), c.oauth2TokenUrl(), c.oauth2Scopes(), c.apiKeyHeader(), sealed(cipher, c.apiKeyValue()),
                    headers(c), new Sql.TextArray(c.toolAllowList()), new Sql.TextArray(c.toolDenyList()),
                    c.availability().wire(), c.enabled(), c.updatedAt(), c.oauth2RevocationUrl(), c.id());
        }

        private Object headers(McpServerConfig c) {
            return c.customHeaders().isEmpty() ? Sql.NullOf.TEXT : cipher.seal(encodeHeaders(c.customHeaders()));
        }

        @Override
        public Optional<McpServerConfig> findById(UUID id) {
            return sql.one("SELECT " + COLUMNS + " FROM mcp_server WHERE id = ?", this::map, id);
        }

        @Override
        public Optional<McpServerConfig> findBySlug(String slug) {
            return sql.one("SELECT " + COLUMNS + " FROM mcp_server WHERE slug = ?", this::map, slug);
        }

        @Override
        public List<McpServerConfig> list() {
            return sql.list("SELECT " + COLUMNS + " FROM mcp_server ORDER BY display_name, slug", this::map);
        }

        @Override
        public boolean delete(UUID id) {
            return sql.update("DELETE FROM mcp_server WHERE id = ?", id) == 1;
        }

        private McpServerConfig map(ResultSet rs) throws SQLException {
            String headers = rs.getString("custom_headers_sealed");
            return new McpServerConfig(Sql.uuid(rs, "id"), rs.getString("display_name"), rs.getString("slug"),
                    rs.getString("description"), rs.getString("icon_url"),
                    McpServerConfig.Transport.valueOf(rs.getString("transport").toUpperCase(Locale.ROOT)), rs.getString("url"),
                    McpServerConfig.AuthType.valueOf(rs.getString("auth_type").toUpperCase(Locale.ROOT)),
                    rs.getString("oauth2_client_id"), open(cipher, rs.getString("oauth2_client_secret_sealed")),
                    rs.getString("oauth2_auth_url"), rs.getString("oauth2_token_url"), rs.getString("oauth2_scopes"),
                    rs.getString("api_key_header"), open(cipher, rs.getString("api_key_value_sealed")),
                    headers == null ? Map.of() : decodeHeaders(cipher.open(headers)), Sql.texts(rs, "tool_allow_list"),
                    Sql.texts(rs, "tool_deny_list"),
                    McpServerConfig.Availability.valueOf(rs.getString("availability").toUpperCase(Locale.ROOT)),
                    rs.getBoolean("enabled"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                    rs.getString("oauth2_revocation_url"));
        }
    }

    /** {@code mcp_server_user_token}. */
    public static final class Tokens implements UpstreamTokenRepository {
        private final Sql sql;
        private final SecretCipherPort cipher;

        public Tokens(Sql sql, SecretCipherPort cipher) {
            this.sql = sql;
            this.cipher = cipher;
        }

        @Override
        public void save(UpstreamToken t) {
            sql.update("INSERT INTO mcp_server_user_token (server_id, user_id, access_token_sealed, refresh_token_sealed, token_type,"
                    + " expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (server_id, user_id) DO UPDATE SET"
                    + " access_token_sealed = EXCLUDED.access_token_sealed, refresh_token_sealed = EXCLUDED.refresh_token_sealed,"
                    + " token_type = EXCLUDED.token_type, expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at",
                    t.serverId(), t.userId(), cipher.seal(t.accessToken()), sealed(cipher, t.refreshToken()), t.tokenType(),
                    Sql.nullableInstant(t.expiresAt().orElse(null)), t.updatedAt());
        }

        @Override
        public Optional<UpstreamToken> find(UUID serverId, UUID userId) {
            return sql.one("SELECT * FROM mcp_server_user_token WHERE server_id = ? AND user_id = ?", this::map, serverId, userId);
        }

        @Override
        public Optional<UpstreamToken> findForUpdate(UUID serverId, UUID userId) {
            return sql.one("SELECT * FROM mcp_server_user_token WHERE server_id = ? AND user_id = ? FOR UPDATE", this::map,
                    serverId, userId);
        }

        @Override
        public List<UpstreamToken> listByUser(UUID userId) {
            return sql.list("SELECT * FROM mcp_server_user_token WHERE user_id = ?", this::map, userId);
        }

        @Override
        public boolean delete(UUID serverId, UUID userId) {
            return sql.update("DELETE FROM mcp_server_user_token WHERE server_id = ? AND user_id = ?", serverId, userId) == 1;
        }

        @Override
        public void deleteByServer(UUID serverId) {
            sql.update("DELETE FROM mcp_server_user_token WHERE server_id = ?", serverId);
        }

        private UpstreamToken map(ResultSet rs) throws SQLException {
            return new UpstreamToken(Sql.uuid(rs, "server_id"), Sql.uuid(rs, "user_id"), cipher.open(rs.getString("access_token_sealed")),
                    open(cipher, rs.getString("refresh_token_sealed")), rs.getString("token_type"),
                    Optional.ofNullable(Sql.instant(rs, "expires_at")), Sql.instant(rs, "updated_at"));
        }
    }

    /** {@code mcp_oauth_state}; taken with DELETE … RETURNING so a state works once. */
    public static final class States implements UpstreamAuthStateRepository {
        private final Sql sql;
        private final SecretCipherPort cipher;

        public States(Sql sql, SecretCipherPort cipher) {
            this.sql = sql;
            this.cipher = cipher;
        }

        @Override
        public void insert(UpstreamAuthState s) {
            sql.update("INSERT INTO mcp_oauth_state (state_digest, server_id, user_id, code_verifier_sealed, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?)", s.stateDigest().bytes(), s.serverId(), s.userId(), cipher.seal(s.codeVerifier()),
                    s.expiresAt());
        }

        @Override
        public Optional<UpstreamAuthState> take(SecretDigest stateDigest) {
            return sql.one("DELETE FROM mcp_oauth_state WHERE state_digest = ? RETURNING *", rs -> new UpstreamAuthState(
                    new SecretDigest(rs.getBytes("state_digest")), Sql.uuid(rs, "server_id"), Sql.uuid(rs, "user_id"),
                    cipher.open(rs.getString("code_verifier_sealed")), Sql.instant(rs, "expires_at")), (Object) stateDigest.bytes());
        }
    }
}
